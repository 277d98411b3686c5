package org.openvisit.visit.infrastructure.persistence;

import org.openvisit.database.TestDatabase;

class CallQualityRepositoryH2Test extends CallQualityRepositoryContract {

    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.h2();
    }
}
