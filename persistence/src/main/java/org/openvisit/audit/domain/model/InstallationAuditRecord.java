package org.openvisit.audit.domain.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * An event of the installation itself, in the global store ({@code installation_audit_event}): an operator's sign-in,
 * a failed sign-in of a name that is no organization's account, an installation secret generated. Never forwarded.
 */
@Entity
@Table(name = "installation_audit_event")
public class InstallationAuditRecord extends AuditRecord {

    protected InstallationAuditRecord() {
        // for JPA
    }

    private InstallationAuditRecord(UUID id, Instant at, AuditFact fact) {
        super(id, at, fact);
    }

    public static InstallationAuditRecord of(UUID id, Instant at, AuditFact fact) {
        return new InstallationAuditRecord(id, at, fact);
    }
}
