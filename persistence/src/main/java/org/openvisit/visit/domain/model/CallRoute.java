package org.openvisit.visit.domain.model;

/** How a browser's media reached the others: straight between the two, or through the TURN relay. */
public enum CallRoute {
    DIRECT,
    RELAYED;

    /** The browser's word ({@code direct} or {@code relayed}), or {@code null} when it said none or something else. */
    public static CallRoute fromBrowser(String word) {
        if (word == null) {
            return null;
        }
        return switch (word) {
            case "direct" -> DIRECT;
            case "relayed" -> RELAYED;
            default -> null;
        };
    }
}
