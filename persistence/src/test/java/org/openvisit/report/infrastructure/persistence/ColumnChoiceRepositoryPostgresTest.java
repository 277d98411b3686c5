package org.openvisit.report.infrastructure.persistence;

import org.openvisit.database.TestDatabase;

class ColumnChoiceRepositoryPostgresTest extends ColumnChoiceRepositoryContract {

    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.postgres();
    }
}
