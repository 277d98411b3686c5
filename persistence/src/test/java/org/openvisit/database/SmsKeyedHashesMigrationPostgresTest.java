package org.openvisit.database;

class SmsKeyedHashesMigrationPostgresTest extends SmsKeyedHashesMigrationContract {

    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.postgres();
    }
}
