/**
 * The report model: what a visit's events mean in figures (start, duration, lobby wait, time to admit, attendants at
 * once, report status), the per-visit summary row that the report queries read instead of raw events, the figures
 * per organization and UTC hour (counts, sums and histograms of seconds) that a date range alone is read from, the
 * charts' buckets (lobby-wait classes, UTC time buckets laid out in a viewer's days and hours), and the reports
 * bearer tokens issued to organizations' service accounts (never the token itself).
 */
package org.openvisit.report.domain.model;
