package org.openvisit.notify.infrastructure.persistence;

import org.openvisit.database.TestDatabase;

class SmsFhirFeedRepositoryH2Test extends SmsFhirFeedRepositoryContract {

    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.h2();
    }
}
