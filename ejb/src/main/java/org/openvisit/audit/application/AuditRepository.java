package org.openvisit.audit.application;

/** Port: an organization's own audit repository (a FHIR server) that takes its AuditEvents. */
public interface AuditRepository {

    /**
     * Sends one event to the repository at {@code fhirBase}.
     *
     * @throws ForwardFailure it was not taken, saying whether to try again
     */
    void send(String fhirBase, AuditEntry entry);

    /** Why an event was not taken: {@code permanent} when trying again cannot help. */
    final class ForwardFailure extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final boolean permanent;

        public ForwardFailure(boolean permanent, String message) {
            super(message);
            this.permanent = permanent;
        }

        public boolean permanent() {
            return permanent;
        }
    }
}
