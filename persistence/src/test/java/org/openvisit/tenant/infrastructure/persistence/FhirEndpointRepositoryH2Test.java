package org.openvisit.tenant.infrastructure.persistence;

import org.openvisit.database.TestDatabase;

class FhirEndpointRepositoryH2Test extends FhirEndpointRepositoryContract {

    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.h2();
    }
}
