package org.openvisit.audit.infrastructure.persistence;

import org.openvisit.database.TestDatabase;

class AuditTrailRepositoryH2Test extends AuditTrailRepositoryContract {

    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.h2();
    }
}
