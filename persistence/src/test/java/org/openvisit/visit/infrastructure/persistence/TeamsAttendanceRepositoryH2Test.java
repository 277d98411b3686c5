package org.openvisit.visit.infrastructure.persistence;

import org.openvisit.database.TestDatabase;

class TeamsAttendanceRepositoryH2Test extends TeamsAttendanceRepositoryContract {

    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.h2();
    }
}
