package org.openvisit.database;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/** The database server's settings that OpenVisit's speed depends on, read at start so that hospital IT is told. */
public final class DatabaseSettingsCheck {

    private DatabaseSettingsCheck() {
    }

    /**
     * A warning, in words for hospital IT, when the store is a PostgreSQL database whose server runs with autovacuum
     * off; empty for any other database or setting. Without autovacuum no table is ever analyzed, so the plans that
     * prepared statements got while the tables were empty stay, and look-ups by a unique key scan whole tables as they
     * grow (bench/sms.sh measured the SMS feed's at 2.2 ms and 3,019 buffers a call instead of 3 buffers).
     */
    public static Optional<String> autovacuumWarning(DataSource store) throws SQLException {
        try (Connection connection = store.getConnection()) {
            if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
                return Optional.empty();
            }
            try (Statement statement = connection.createStatement();
                 ResultSet setting = statement.executeQuery("SHOW autovacuum")) {
                if (setting.next() && "off".equalsIgnoreCase(setting.getString(1))) {
                    return Optional.of("The PostgreSQL server of database " + connection.getCatalog() + " runs with "
                            + "autovacuum off: its tables are never analyzed, so OpenVisit's look-ups keep the plans "
                            + "they got while the tables were empty and scan whole tables as they grow. Turn "
                            + "autovacuum on (PostgreSQL's default), or run ANALYZE on this database regularly.");
                }
            }
        }
        return Optional.empty();
    }
}
