package org.openvisit.writeback.infrastructure.persistence;

import org.openvisit.database.TestDatabase;

class DeliveryTaskRepositoryH2Test extends DeliveryTaskRepositoryContract {

    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.h2();
    }
}
