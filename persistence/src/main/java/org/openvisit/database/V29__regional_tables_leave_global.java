package org.openvisit.database;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * Global store, version 29 (issue 18, one database per region): the tables that versions 5 to 13 made for visits,
 * launch audit, call quality and write-back belong to the regional stores now ({@code db/migration/regional}). Here
 * they are dropped when none of them holds a row (a new installation: they were made by the versions above a moment
 * ago). An installation upgraded with rows in them keeps them as they are: they are its regional store until the
 * operator splits the database (README, "Upgrading a single-database installation"), and the regional migrations
 * then take them over as their baseline. In Java because the choice depends on the rows.
 */
public class V29__regional_tables_leave_global extends BaseJavaMigration {

    /** Children first, so that no foreign key stands in the way. */
    static final List<String> REGIONAL_TABLES = List.of("writeback_attempt", "writeback_task", "call_quality",
            "visit_participant", "visit_event", "visit", "launch_audit", "context_link_use");

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        for (String table : REGIONAL_TABLES) {
            if (!exists(connection, table)) {
                return;
            }
            try (Statement s = connection.createStatement();
                 ResultSet rows = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                rows.next();
                if (rows.getLong(1) > 0) {
                    return; // an upgraded installation's rows: kept
                }
            }
        }
        try (Statement ddl = connection.createStatement()) {
            for (String table : REGIONAL_TABLES) {
                ddl.execute("DROP TABLE " + table);
            }
        }
    }

    static boolean exists(Connection connection, String table) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        for (String name : List.of(table, table.toUpperCase(Locale.ROOT))) {
            try (ResultSet found = meta.getTables(null, null, name, new String[] {"TABLE"})) {
                if (found.next()) {
                    return true;
                }
            }
        }
        return false;
    }
}
