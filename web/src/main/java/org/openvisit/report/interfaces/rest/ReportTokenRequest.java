package org.openvisit.report.interfaces.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A new reports token: what it is for (a name) and how many days it lives (1 to 366). */
public record ReportTokenRequest(
        @Schema(description = "What reads with the token, e.g. \"Power BI finance\"", maxLength = 100) String name,
        @Schema(description = "Days the token lives, 1 to 366", minimum = "1", maximum = "366") Integer lifetimeDays) {
}
