package org.openvisit.audit.infrastructure.persistence;

import org.openvisit.database.TestDatabase;

class AuditTrailRepositoryPostgresTest extends AuditTrailRepositoryContract {

    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.postgres();
    }
}
