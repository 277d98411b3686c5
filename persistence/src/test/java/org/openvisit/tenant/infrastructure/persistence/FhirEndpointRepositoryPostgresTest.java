package org.openvisit.tenant.infrastructure.persistence;

import org.openvisit.database.TestDatabase;

class FhirEndpointRepositoryPostgresTest extends FhirEndpointRepositoryContract {

    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.postgres();
    }
}
