package org.openvisit.database;

class SmsKeyedHashesMigrationH2Test extends SmsKeyedHashesMigrationContract {

    @Override
    protected TestDatabase createDatabase() {
        return TestDatabase.h2();
    }
}
