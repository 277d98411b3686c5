package org.openvisit.tenant.domain.model;

/** Where an organization's data lives (PRODUCT.md §7). Each region has its own database. */
public enum DataRegion {
    AMERICAS("Americas"),
    EMEA("Europe, Middle East and Africa"),
    APAC("Asia-Pacific");

    private final String displayName;

    DataRegion(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
