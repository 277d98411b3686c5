package org.openvisit.identity.infrastructure.persistence;

import org.openvisit.database.TestDatabase;

class AccountRepositoryH2Test extends AccountRepositoryContract {

    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.h2();
    }
}
