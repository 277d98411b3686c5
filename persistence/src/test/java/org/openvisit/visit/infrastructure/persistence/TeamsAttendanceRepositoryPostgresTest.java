package org.openvisit.visit.infrastructure.persistence;

import org.openvisit.database.TestDatabase;

class TeamsAttendanceRepositoryPostgresTest extends TeamsAttendanceRepositoryContract {

    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.postgres();
    }
}
