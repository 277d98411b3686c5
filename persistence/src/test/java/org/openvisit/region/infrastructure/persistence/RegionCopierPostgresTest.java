package org.openvisit.region.infrastructure.persistence;

import org.openvisit.database.TestDatabase;

class RegionCopierPostgresTest extends RegionCopierContract {

    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.postgres();
    }
}
