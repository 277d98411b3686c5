package org.openvisit.report.infrastructure.persistence;

import org.openvisit.database.TestDatabase;

class VisitSummaryRepositoryH2Test extends VisitSummaryRepositoryContract {

    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.h2();
    }
}
