package org.openvisit.visit.domain.model;

/**
 * Where a visit stands. SCHEDULED until someone joins the call, IN_PROGRESS until it is ended,
 * ENDED for good:
 * <pre>
 *   SCHEDULED   start -> IN_PROGRESS, end -> ENDED
 *   IN_PROGRESS end -> ENDED
 *   ENDED       (final)
 * </pre>
 */
public enum VisitStatus {
    SCHEDULED,
    IN_PROGRESS,
    ENDED;

    public boolean canStart() {
        return this == SCHEDULED;
    }

    public boolean canEnd() {
        return this != ENDED;
    }
}
