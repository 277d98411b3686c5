package org.openvisit.database;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseSettingsCheckTest {

    @Test
    void h2HasNoAutovacuumToWarnOf() throws SQLException {
        try (TestDatabase database = TestDatabase.h2()) {
            assertThat(DatabaseSettingsCheck.autovacuumWarning(database.dataSource())).isEmpty();
        }
    }

    /** The machine's PostgreSQL decides which way: the check must say what the server itself says. */
    @Test
    void postgresWarnsExactlyWhenItsServerRunsWithoutAutovacuum() throws SQLException {
        try (TestDatabase database = TestDatabase.postgres()) {
            boolean off;
            try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SHOW autovacuum")) {
                r.next();
                off = "off".equals(r.getString(1));
            }
            var warning = DatabaseSettingsCheck.autovacuumWarning(database.dataSource());
            if (off) {
                assertThat(warning).hasValueSatisfying(w -> assertThat(w)
                        .contains("autovacuum off", database.url().substring(database.url().lastIndexOf('/') + 1))
                        .doesNotContain("password", "jdbc:"));
            } else {
                assertThat(warning).isEmpty();
            }
        }
    }
}
