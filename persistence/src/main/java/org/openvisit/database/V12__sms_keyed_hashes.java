package org.openvisit.database;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.openvisit.notify.domain.model.AppointmentKeys;
import org.openvisit.notify.domain.model.ControlHash;
import org.openvisit.visit.domain.model.AppointmentHashing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Regional schema version 12 (issue 15, PRODUCT §7: appointment ids only as keyed hashes), in Java because the rows
 * already stored are converted with the installation's appointment hash key, which only the application holds:
 * <ul>
 *   <li>{@code sms_appointment.appointment_key} (the EHR's plain appointment id) gives way to {@code appointment_hash}
 *       and {@code identifier_hash}: the visit hashes of {@code Appointment/<id>} (unique per endpoint: the
 *       appointment's key) and {@code Appointment?identifier=<id>} (the short link's second way to the visit), see
 *       {@link AppointmentKeys};</li>
 *   <li>{@code sms_feed_message.control_id} and {@code sms_appointment_change.control_id} (the FHIR feed's control id
 *       names the appointment: {@code fhir:<id>/_history/<version>}) give way to {@code control_hash}, the keyed
 *       hash of the control id ({@link ControlHash}); the message log's primary key becomes
 *       {@code (endpoint_id, control_hash)}, so a message sent again after the upgrade is still a duplicate.</li>
 * </ul>
 * Every row is converted in place: appointment ids (the rows' {@code id}) stay, and so every pending send of an
 * existing appointment stays with it. The key is asked for only when there are rows to convert, and before the first
 * change ({@link SchemaMigrator} asks before Flyway starts, so that a store whose key cannot be had is left as it was
 * and not marked failed on H2, whose DDL is not transactional; on PostgreSQL the whole migration is one transaction). Portable SQL only: the same statements run on H2 and PostgreSQL. Registered with Flyway by
 * {@link SchemaMigrator}.
 */
public class V12__sms_keyed_hashes extends BaseJavaMigration {

    private static final int BATCH = 500;

    private final Supplier<byte[]> key;

    /** @param key the installation's appointment hash key (asked for only when rows are to be converted) */
    public V12__sms_keyed_hashes(Supplier<byte[]> key) {
        this.key = Objects.requireNonNull(key, "key");
    }

    /** Whether the store (at version 11) holds SMS rows to convert, for which the key is needed. */
    static boolean needsKey(Connection connection) throws SQLException {
        return V29__regional_tables_leave_global.exists(connection, "sms_appointment")
                && (holdsRows(connection, "sms_appointment") || holdsRows(connection, "sms_feed_message"));
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        // the key first: without it, nothing is changed
        AppointmentHashing hashing = needsKey(connection) ? new AppointmentHashing(key.get()) : null;

        try (Statement ddl = connection.createStatement()) {
            ddl.execute("ALTER TABLE sms_appointment ADD COLUMN appointment_hash VARCHAR(64)");
            ddl.execute("ALTER TABLE sms_appointment ADD COLUMN identifier_hash VARCHAR(64)");
            ddl.execute("ALTER TABLE sms_feed_message ADD COLUMN control_hash VARCHAR(64)");
            ddl.execute("ALTER TABLE sms_appointment_change ADD COLUMN control_hash VARCHAR(64)");
        }
        if (hashing != null) {
            convert(connection, "SELECT id, endpoint_id, appointment_key FROM sms_appointment",
                    "UPDATE sms_appointment SET appointment_hash = ?, identifier_hash = ? WHERE id = ?", (row, update) -> {
                        AppointmentKeys keys = AppointmentKeys.of(hashing, UUID.fromString(row.getString(2)),
                                row.getString(3));
                        update.setString(1, keys.reference().value());
                        update.setString(2, keys.identifier().value());
                        update.setString(3, row.getString(1));
                    });
            convert(connection, "SELECT endpoint_id, control_id FROM sms_feed_message",
                    "UPDATE sms_feed_message SET control_hash = ? WHERE endpoint_id = ? AND control_id = ?",
                    (row, update) -> {
                        update.setString(1, ControlHash.of(hashing, UUID.fromString(row.getString(1)),
                                row.getString(2)).value());
                        update.setString(2, row.getString(1));
                        update.setString(3, row.getString(2));
                    });
            convert(connection, "SELECT c.appointment_id, c.sequence_no, a.endpoint_id, c.control_id "
                            + "FROM sms_appointment_change c JOIN sms_appointment a ON a.id = c.appointment_id",
                    "UPDATE sms_appointment_change SET control_hash = ? WHERE appointment_id = ? AND sequence_no = ?",
                    (row, update) -> {
                        update.setString(1, ControlHash.of(hashing, UUID.fromString(row.getString(3)),
                                row.getString(4)).value());
                        update.setString(2, row.getString(1));
                        update.setInt(3, row.getInt(2));
                    });
        }
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("ALTER TABLE sms_appointment DROP CONSTRAINT uq_sms_appointment_key");
            ddl.execute("ALTER TABLE sms_appointment DROP COLUMN appointment_key");
            ddl.execute("ALTER TABLE sms_appointment ALTER COLUMN appointment_hash SET NOT NULL");
            ddl.execute("ALTER TABLE sms_appointment ALTER COLUMN identifier_hash SET NOT NULL");
            ddl.execute("ALTER TABLE sms_appointment ADD CONSTRAINT uq_sms_appointment_hash "
                    + "UNIQUE (endpoint_id, appointment_hash)");

            ddl.execute("ALTER TABLE sms_feed_message DROP CONSTRAINT pk_sms_feed_message");
            ddl.execute("ALTER TABLE sms_feed_message DROP COLUMN control_id");
            ddl.execute("ALTER TABLE sms_feed_message ALTER COLUMN control_hash SET NOT NULL");
            ddl.execute("ALTER TABLE sms_feed_message ADD CONSTRAINT pk_sms_feed_message "
                    + "PRIMARY KEY (endpoint_id, control_hash)");

            ddl.execute("ALTER TABLE sms_appointment_change DROP COLUMN control_id");
            ddl.execute("ALTER TABLE sms_appointment_change ALTER COLUMN control_hash SET NOT NULL");
        }
    }

    /** How one row read is written back. */
    private interface Conversion {
        void bind(ResultSet row, PreparedStatement update) throws SQLException;
    }

    /** Reads the rows (a page at a time) and writes each one back converted, in batches. */
    private static void convert(Connection connection, String select, String update, Conversion conversion)
            throws SQLException {
        try (Statement query = connection.createStatement();
             PreparedStatement write = connection.prepareStatement(update)) {
            query.setFetchSize(BATCH);
            try (ResultSet rows = query.executeQuery(select)) {
                int pending = 0;
                while (rows.next()) {
                    conversion.bind(rows, write);
                    write.addBatch();
                    if (++pending == BATCH) {
                        write.executeBatch();
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    write.executeBatch();
                }
            }
        }
    }

    private static boolean holdsRows(Connection connection, String table) throws SQLException {
        try (Statement query = connection.createStatement();
             ResultSet rows = query.executeQuery("SELECT 1 FROM " + table + " FETCH FIRST 1 ROWS ONLY")) {
            return rows.next();
        }
    }
}
