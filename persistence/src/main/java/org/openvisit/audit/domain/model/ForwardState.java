package org.openvisit.audit.domain.model;

/** Where an organization's audit event stands with the organization's own audit repository. */
public enum ForwardState {
    /** To be sent (or sent again after a failure) from {@code forward_next_at}. */
    PENDING,
    /** The repository took it. */
    SENT,
    /** Given up after its attempts; the reason is kept. */
    FAILED
}
