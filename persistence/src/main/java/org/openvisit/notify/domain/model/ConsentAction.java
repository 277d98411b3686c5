package org.openvisit.notify.domain.model;

/** What happened to a consent. */
public enum ConsentAction {
    GRANT,
    WITHDRAW
}
