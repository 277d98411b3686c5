package org.openvisit.tenant.infrastructure.persistence;

import org.openvisit.database.TestDatabase;

class ClinicianTeamsLinkRepositoryH2Test extends ClinicianTeamsLinkRepositoryContract {

    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.h2();
    }
}
