package org.openvisit.audit.application;

import java.util.List;

/** A page of an audit trail, with how many events the search found in all. */
public record AuditPage(List<AuditEntry> entries, long total) {

    public AuditPage {
        entries = List.copyOf(entries);
    }
}
