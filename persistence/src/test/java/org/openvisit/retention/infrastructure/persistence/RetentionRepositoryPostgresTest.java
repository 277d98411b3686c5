package org.openvisit.retention.infrastructure.persistence;

import org.openvisit.database.TestDatabase;

class RetentionRepositoryPostgresTest extends RetentionRepositoryContract {

    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.postgres();
    }
}
