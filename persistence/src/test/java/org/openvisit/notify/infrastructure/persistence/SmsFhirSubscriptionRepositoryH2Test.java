package org.openvisit.notify.infrastructure.persistence;

import org.openvisit.database.TestDatabase;

class SmsFhirSubscriptionRepositoryH2Test extends SmsFhirSubscriptionRepositoryContract {

    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.h2();
    }
}
