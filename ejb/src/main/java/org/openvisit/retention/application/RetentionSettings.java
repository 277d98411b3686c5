package org.openvisit.retention.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Optional;

/**
 * How long the installation keeps what it records, from MicroProfile Config: {@code openvisit.retention.visit-days}
 * (default 400: a year's reports compared with the year before) for visits with their participants, events,
 * call-quality aggregates, report summaries and write-back history, and {@code openvisit.retention.launch-audit-days}
 * (default 400) for the launch audit, and {@code openvisit.retention.audit-days} (default {@value #AUDIT_DEFAULT_DAYS},
 * six years, as HIPAA keeps security documentation, 45 CFR 164.316(b)(2)) for the audit trail. 0 keeps them for ever;
 * anything else below 1 or above 3,650 is taken as the default.
 */
@ApplicationScoped
public class RetentionSettings {

    public static final int DEFAULT_DAYS = 400;
    public static final int AUDIT_DEFAULT_DAYS = 2190;
    static final int MAX_DAYS = 3650;

    @Inject
    @ConfigProperty(name = "openvisit.retention.visit-days", defaultValue = "400")
    int visitDays;

    @Inject
    @ConfigProperty(name = "openvisit.retention.launch-audit-days", defaultValue = "400")
    int launchAuditDays;

    @Inject
    @ConfigProperty(name = "openvisit.retention.audit-days", defaultValue = "2190")
    int auditDays;

    /** How long an audit trail event is kept; empty: for ever. */
    public Optional<Duration> auditTrail() {
        if (auditDays == 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofDays(auditDays < 1 || auditDays > MAX_DAYS ? AUDIT_DEFAULT_DAYS : auditDays));
    }

    /** How long a visit is kept after it was created; empty: for ever. */
    public Optional<Duration> visits() {
        return days(visitDays);
    }

    /** How long a launch audit row is kept; empty: for ever. */
    public Optional<Duration> launchAudit() {
        return days(launchAuditDays);
    }

    static Optional<Duration> days(int configured) {
        if (configured == 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofDays(configured < 1 || configured > MAX_DAYS ? DEFAULT_DAYS : configured));
    }
}
