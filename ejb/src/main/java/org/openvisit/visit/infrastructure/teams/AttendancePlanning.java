package org.openvisit.visit.infrastructure.teams;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/**
 * The installation's {@link AttendancePollPlan}: {@code openvisit.teams.attendance-interval-seconds} (default 120, at
 * least 1) between reads of an open visit's Teams attendance.
 */
@ApplicationScoped
public class AttendancePlanning {

    @Inject
    @ConfigProperty(name = "openvisit.teams.attendance-interval-seconds", defaultValue = "120")
    private long intervalSeconds;

    private AttendancePollPlan plan;

    @PostConstruct
    void check() {
        if (intervalSeconds < 1 || intervalSeconds > 3600) {
            throw new IllegalStateException("openvisit.teams.attendance-interval-seconds must be 1-3600, not "
                    + intervalSeconds);
        }
        plan = new AttendancePollPlan(Duration.ofSeconds(intervalSeconds));
    }

    public AttendancePollPlan plan() {
        return plan;
    }
}
