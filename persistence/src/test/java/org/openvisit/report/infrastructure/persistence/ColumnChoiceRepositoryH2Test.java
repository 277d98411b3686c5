package org.openvisit.report.infrastructure.persistence;

import org.openvisit.database.TestDatabase;

class ColumnChoiceRepositoryH2Test extends ColumnChoiceRepositoryContract {

    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.h2();
    }
}
