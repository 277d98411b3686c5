package org.openvisit.retention.infrastructure.persistence;

import org.openvisit.database.TestDatabase;

class RetentionRepositoryH2Test extends RetentionRepositoryContract {

    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.h2();
    }
}
