package org.openvisit.visit.domain.model;

/** How a call sounds and looks, roughly: what the provider page shows per participant. */
public enum QualityLevel {
    GOOD,
    FAIR,
    POOR,
    UNKNOWN
}
