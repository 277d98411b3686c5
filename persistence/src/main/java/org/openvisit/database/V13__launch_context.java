package org.openvisit.database;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.openvisit.tenant.domain.model.FhirEndpoint;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Schema version 13 (issue 13, launch from real EHRs), in Java because its backfill needs random values that H2 and
 * PostgreSQL make with different functions:
 * <ul>
 *   <li>{@code fhir_endpoint.launch_key}: the unguessable key of each endpoint's own launch URLs
 *       ({@code /launch/e/{key}}, {@code /launch/e/{key}/patient}), 128 random bits from {@link java.security.SecureRandom},
 *       given to every existing endpoint, then required and unique with the base URL (development mode's demo
 *       endpoints share the key {@code demo}, one per sandbox base URL);</li>
 *   <li>a visit may be keyed by an encounter ({@code visit.key_kind = 'ENCOUNTER'}) when the launch names no
 *       appointment.</li>
 * </ul>
 * Portable SQL only: the same statements run on H2 and PostgreSQL. Registered with Flyway by {@link SchemaMigrator}.
 */
public class V13__launch_context extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("ALTER TABLE fhir_endpoint ADD COLUMN launch_key VARCHAR(64)");
        }
        List<String> ids = new ArrayList<>();
        try (Statement query = connection.createStatement();
             ResultSet rows = query.executeQuery("SELECT id FROM fhir_endpoint")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE fhir_endpoint SET launch_key = ? WHERE id = ?")) {
            for (String id : ids) {
                update.setString(1, FhirEndpoint.newLaunchKey());
                update.setString(2, id);
                update.executeUpdate();
            }
        }
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("ALTER TABLE fhir_endpoint ALTER COLUMN launch_key SET NOT NULL");
            ddl.execute("ALTER TABLE fhir_endpoint ADD CONSTRAINT uq_fhir_endpoint_launch_key UNIQUE (launch_key, base_url)");
            ddl.execute("ALTER TABLE visit DROP CONSTRAINT ck_visit_key_kind");
            ddl.execute("ALTER TABLE visit ADD CONSTRAINT ck_visit_key_kind "
                    + "CHECK (key_kind IN ('APPOINTMENT', 'ENCOUNTER', 'CONFERENCE'))");
        }
    }
}
