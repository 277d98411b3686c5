package org.openvisit.report.infrastructure.persistence;

import org.openvisit.database.TestDatabase;

class VisitSummaryRepositoryPostgresTest extends VisitSummaryRepositoryContract {

    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.postgres();
    }
}
