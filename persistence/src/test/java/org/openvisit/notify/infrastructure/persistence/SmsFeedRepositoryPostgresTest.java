package org.openvisit.notify.infrastructure.persistence;

import org.openvisit.database.TestDatabase;

class SmsFeedRepositoryPostgresTest extends SmsFeedRepositoryContract {

    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.postgres();
    }
}
