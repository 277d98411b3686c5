package org.openvisit.region.infrastructure.persistence;

import org.openvisit.database.TestDatabase;

class RegionCopierH2Test extends RegionCopierContract {

    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.h2();
    }
}
