package org.openvisit.report.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/**
 * Report settings from MicroProfile Config: {@code openvisit.reports.no-show-grace-minutes} (default 15, 0 to 1440),
 * how long after the end of the booked slot a patient who has not come counts as a no-show. A change applies to
 * visits summarized after it; an operator's rebuild applies it to all.
 */
@ApplicationScoped
public class ReportSettings {

    public static final int DEFAULT_GRACE_MINUTES = 15;

    @Inject
    @ConfigProperty(name = "openvisit.reports.no-show-grace-minutes", defaultValue = "15")
    private int graceMinutes;

    public Duration noShowGrace() {
        return Duration.ofMinutes(graceMinutes < 0 || graceMinutes > 1440 ? DEFAULT_GRACE_MINUTES : graceMinutes);
    }
}
