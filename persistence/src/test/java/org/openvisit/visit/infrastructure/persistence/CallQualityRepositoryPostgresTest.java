package org.openvisit.visit.infrastructure.persistence;

import org.openvisit.database.TestDatabase;

class CallQualityRepositoryPostgresTest extends CallQualityRepositoryContract {

    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.postgres();
    }
}
