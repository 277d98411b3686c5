package org.openvisit.visit.infrastructure.persistence;

import org.openvisit.database.TestDatabase;

class VisitRepositoryH2Test extends VisitRepositoryContract {

    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.h2();
    }
}
