package org.openvisit.region.infrastructure.persistence;

import org.openvisit.database.TestDatabase;

class RegionMoveRepositoryPostgresTest extends RegionMoveRepositoryContract {

    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.postgres();
    }
}
