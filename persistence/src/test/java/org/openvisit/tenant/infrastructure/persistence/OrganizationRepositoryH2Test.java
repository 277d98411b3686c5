package org.openvisit.tenant.infrastructure.persistence;

import org.openvisit.database.TestDatabase;

class OrganizationRepositoryH2Test extends OrganizationRepositoryContract {

    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.h2();
    }
}
