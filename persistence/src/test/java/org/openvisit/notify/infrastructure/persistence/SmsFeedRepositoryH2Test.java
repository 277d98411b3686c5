package org.openvisit.notify.infrastructure.persistence;

import org.openvisit.database.TestDatabase;

class SmsFeedRepositoryH2Test extends SmsFeedRepositoryContract {

    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.h2();
    }
}
