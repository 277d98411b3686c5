package org.openvisit.notify.infrastructure.persistence;

import org.openvisit.database.TestDatabase;

class SmsFhirFeedRepositoryPostgresTest extends SmsFhirFeedRepositoryContract {

    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.postgres();
    }
}
