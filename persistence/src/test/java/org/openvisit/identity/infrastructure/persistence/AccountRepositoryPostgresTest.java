package org.openvisit.identity.infrastructure.persistence;

import org.openvisit.database.TestDatabase;

class AccountRepositoryPostgresTest extends AccountRepositoryContract {

    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.postgres();
    }
}
