package org.openvisit.tenant.infrastructure.persistence;

import org.openvisit.database.TestDatabase;

class ClinicianTeamsLinkRepositoryPostgresTest extends ClinicianTeamsLinkRepositoryContract {

    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.postgres();
    }
}
