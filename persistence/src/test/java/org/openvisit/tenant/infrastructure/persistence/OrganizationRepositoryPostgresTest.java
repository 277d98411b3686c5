package org.openvisit.tenant.infrastructure.persistence;

import org.openvisit.database.TestDatabase;

class OrganizationRepositoryPostgresTest extends OrganizationRepositoryContract {

    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.postgres();
    }
}
