package org.openvisit.visit.domain.model;

/**
 * Where a visit stands. SCHEDULED until someone joins the call, IN_PROGRESS until it is ended,
 * ENDED until a clinician starts it again (then open again: IN_PROGRESS when it had started, SCHEDULED
 * when nobody had ever joined its call):
 * <pre>
 *   SCHEDULED   start -> IN_PROGRESS, end -> ENDED
 *   IN_PROGRESS end -> ENDED
 *   ENDED       restart -> IN_PROGRESS (it had started) or SCHEDULED (it had not)
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

    public boolean canRestart() {
        return this == ENDED;
    }
}
