package org.openvisit.writeback.infrastructure.persistence;

import org.openvisit.database.TestDatabase;

class DeliveryTaskRepositoryPostgresTest extends DeliveryTaskRepositoryContract {

    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.postgres();
    }
}
