package org.openvisit.report.domain.model;

/**
 * A visit's call quality in one word, for the reports' filter, column and card: {@link #POOR} when some attendee's
 * call was poor on average by the provider page's scale ({@code QualitySample#level}: mean round-trip time over
 * 400 ms, packet loss over 8 % or jitter over 100 ms), {@link #FINE} when figures came and none was poor,
 * {@link #NO_DATA} when no browser of the visit sent figures.
 */
public enum QualityVerdict {
    POOR,
    FINE,
    NO_DATA
}
