package org.openvisit.visit.infrastructure.persistence;

import org.openvisit.database.TestDatabase;

class VisitRepositoryPostgresTest extends VisitRepositoryContract {

    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.postgres();
    }
}
