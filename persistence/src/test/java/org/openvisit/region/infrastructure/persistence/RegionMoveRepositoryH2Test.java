package org.openvisit.region.infrastructure.persistence;

import org.openvisit.database.TestDatabase;

class RegionMoveRepositoryH2Test extends RegionMoveRepositoryContract {

    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.h2();
    }
}
