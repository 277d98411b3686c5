package org.openvisit.region.infrastructure.persistence;

import org.openvisit.region.domain.model.TableCheck;
import org.openvisit.tenant.domain.model.DataRegion;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Copies one organization's rows of every regional table from one region's store to another's, table by table in
 * foreign-key order, over plain JDBC (two connections, never one transaction over both stores); compares both
 * stores' rows per table (count and checksum); and deletes the organization's rows from a store (children first).
 * <p>
 * Ids that name the old region (visits and write-back tasks, see {@link DataRegion#newRecordId()}) are renamed to
 * name the new one (the same 128 bits but the region's four), in every {@code id} and {@code *_id} column, so that
 * the new store's guard and routing by id keep working; sealed EHR references bound to a visit id are sealed again
 * for the renamed id ({@link Sealed}). The renaming is a function of the id alone: copying twice gives the same rows.
 * <p>
 * The copy is made idempotent by clearing first: {@link #copy} deletes whatever the organization has in the target
 * store (a copy that a crash interrupted) before it copies, so a re-run neither duplicates nor loses a row.
 */
public final class RegionCopier {

    /** EHR references sealed with their visit's id bound in (see {@code EhrContextSeal}). */
    public interface Sealed {

        /** The sealed value for the renamed visit. */
        String reseal(UUID oldVisitId, UUID newVisitId, String sealed);

        /** What is compared by the verification: the opened value (or a digest of it). */
        String plain(UUID visitId, String sealed);

        /** For stores without sealed values to move (tests): kept as they are. */
        Sealed AS_IS = new Sealed() {
            @Override
            public String reseal(UUID oldVisitId, UUID newVisitId, String sealed) {
                return sealed;
            }

            @Override
            public String plain(UUID visitId, String sealed) {
                return sealed;
            }
        };
    }

    /** Whose rows: the organization, and its FHIR endpoints (for the tables keyed by endpoint alone). */
    public record Scope(UUID organizationId, Collection<UUID> endpointIds) {
        public Scope {
            Objects.requireNonNull(organizationId, "organizationId");
            endpointIds = List.copyOf(endpointIds);
        }
    }

    /**
     * A regional table, how the organization's rows are found, its primary key, and the column of a visit id its
     * sealed value binds.
     */
    record Table(String name, String where, List<String> key, String sealedColumn, String visitIdColumn) {
        Table(String name, String where, String... key) {
            this(name, where, List.of(key), null, null);
        }
    }

    private static final String ORG = "organization_id = ?";

    /** Every regional table, parents before children (the copy's order; deletion goes the other way). */
    static final List<Table> TABLES = List.of(
            new Table("visit", ORG, List.of("id"), "ehr_context", "id"),
            new Table("visit_participant", "visit_id IN (SELECT v.id FROM visit v WHERE v.organization_id = ?)", "id"),
            new Table("revoked_join_link", "visit_id IN (SELECT v.id FROM visit v WHERE v.organization_id = ?)",
                    "link_id"),
            new Table("visit_event", ORG, "id"),
            new Table("call_quality", ORG, "id"),
            new Table("teams_attendance_watch", ORG, "visit_id"),
            new Table("teams_attendance_mark", ORG, "mark_key"),
            new Table("teams_call_record", ORG, "call_record_id"),
            new Table("visit_summary", ORG, "visit_id"),
            new Table("report_hour", ORG, "organization_id", "hour_no"),
            new Table("report_hour_mark", ORG, "id"),
            new Table("writeback_task", ORG, List.of("id"), "ehr_context", "visit_id"),
            new Table("writeback_attempt",
                    "task_id IN (SELECT t.id FROM writeback_task t WHERE t.organization_id = ?)", "id"),
            new Table("launch_audit", ORG, "id"),
            new Table("audit_event", ORG, "id"),
            new Table("context_link_use", null, "token_digest"), // by endpoint
            new Table("retention_run", ORG, "id"),
            new Table("sms_appointment", ORG, "id"),
            new Table("sms_appointment_change",
                    "appointment_id IN (SELECT a.id FROM sms_appointment a WHERE a.organization_id = ?)",
                    "appointment_id", "sequence_no"),
            new Table("sms_feed_message", ORG, "endpoint_id", "control_hash"),
            new Table("sms_send", ORG, "id"),
            new Table("sms_outbox", ORG, "id"),
            // a sending number's pace (the organization's number, no organization column): the numbers it sent from
            new Table("sms_number_pace",
                    "from_number IN (SELECT o.from_number FROM sms_outbox o WHERE o.organization_id = ?)",
                    "from_number"),
            new Table("sms_link_send", ORG, "id"),
            new Table("sms_opt_out", ORG, "organization_id", "phone_hash"));

    private static final int BATCH = 500;
    private static final BigInteger MOD = BigInteger.ONE.shiftLeft(256);

    private final DataRegion from;
    private final DataRegion to;
    private final Sealed sealed;
    private java.time.Duration batchPause = java.time.Duration.ZERO;

    public RegionCopier(DataRegion from, DataRegion to, Sealed sealed) {
        this.from = Objects.requireNonNull(from, "from");
        this.to = Objects.requireNonNull(to, "to");
        if (from == to) {
            throw new IllegalArgumentException("A move needs two regions");
        }
        this.sealed = Objects.requireNonNull(sealed, "sealed");
    }

    /**
     * This copier, pausing after each committed batch of {@link #copy} (and after each table) for {@code pause}: spares
     * a busy database, and lets the move's crash test stop a node in the middle of a copy it can watch.
     */
    public RegionCopier withBatchPause(java.time.Duration pause) {
        this.batchPause = pause == null || pause.isNegative() ? java.time.Duration.ZERO : pause;
        return this;
    }

    private void pause() throws SQLException {
        if (batchPause.isZero()) {
            return;
        }
        try {
            Thread.sleep(batchPause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("The copy was interrupted", e);
        }
    }

    /** The regional tables, in the copy's order. */
    public static List<String> tables() {
        return TABLES.stream().map(Table::name).toList();
    }

    /**
     * Copies the organization's rows from {@code source} to {@code target}: first deletes what the organization has in
     * the target (an interrupted copy), then copies each table in batches of 500 rows, each batch committed.
     *
     * @param target a connection of the target store; its auto-commit is turned off
     * @return the rows copied
     */
    public long copy(Connection source, Connection target, Scope scope) throws SQLException {
        clear(target, scope);
        target.setAutoCommit(false);
        long copied = 0;
        for (Table table : TABLES) {
            try (PreparedStatement select = select(source, table, scope, null); ResultSet rows = select.executeQuery()) {
                List<String> columns = columns(rows.getMetaData());
                String insert = "INSERT INTO " + table.name() + " (" + String.join(", ", columns) + ") VALUES ("
                        + String.join(", ", java.util.Collections.nCopies(columns.size(), "?")) + ")";
                try (PreparedStatement into = target.prepareStatement(insert)) {
                    int pending = 0;
                    while (rows.next()) {
                        Object[] values = moved(table, columns, rows);
                        for (int i = 0; i < values.length; i++) {
                            into.setObject(i + 1, values[i]);
                        }
                        into.addBatch();
                        copied++;
                        if (++pending == BATCH) {
                            into.executeBatch();
                            target.commit();
                            pending = 0;
                            pause();
                        }
                    }
                    if (pending > 0) {
                        into.executeBatch();
                    }
                    target.commit();
                }
                pause();
            } catch (SQLException e) {
                target.rollback();
                throw new SQLException("Copying " + table.name() + ": " + e.getMessage(), e.getSQLState(), e);
            }
        }
        return copied;
    }

    /**
     * After the switch, before the old rows are deleted: copies the organization's rows that reached the old store
     * after the verification (a launch's audit row, say) and are missing from the new one, by primary key. Rows that
     * are in both are left as the new store has them.
     *
     * @return the rows copied
     */
    public long topUp(Connection source, Connection target, Scope scope) throws SQLException {
        target.setAutoCommit(false);
        long copied = 0;
        for (Table table : TABLES) {
            try (PreparedStatement select = select(source, table, scope, null); ResultSet rows = select.executeQuery()) {
                List<String> columns = columns(rows.getMetaData());
                String insert = "INSERT INTO " + table.name() + " (" + String.join(", ", columns) + ") VALUES ("
                        + String.join(", ", java.util.Collections.nCopies(columns.size(), "?")) + ")";
                String exists = "SELECT 1 FROM " + table.name() + " WHERE "
                        + String.join(" AND ", table.key().stream().map(k -> k + " = ?").toList());
                try (PreparedStatement into = target.prepareStatement(insert);
                     PreparedStatement present = target.prepareStatement(exists)) {
                    while (rows.next()) {
                        Object[] values = moved(table, columns, rows);
                        for (int k = 0; k < table.key().size(); k++) {
                            present.setObject(k + 1, values[columns.indexOf(table.key().get(k))]);
                        }
                        try (ResultSet found = present.executeQuery()) {
                            if (found.next()) {
                                continue;
                            }
                        }
                        for (int i = 0; i < values.length; i++) {
                            into.setObject(i + 1, values[i]);
                        }
                        into.executeUpdate();
                        copied++;
                    }
                    target.commit();
                }
            } catch (SQLException e) {
                target.rollback();
                throw new SQLException("Topping up " + table.name() + ": " + e.getMessage(), e.getSQLState(), e);
            }
        }
        return copied;
    }

    /**
     * Deletes the organization's rows from the store, children first, one transaction per table.
     *
     * @return the rows deleted
     */
    public long clear(Connection store, Scope scope) throws SQLException {
        store.setAutoCommit(false);
        long deleted = 0;
        List<Table> reversed = new ArrayList<>(TABLES);
        java.util.Collections.reverse(reversed);
        for (Table table : reversed) {
            String where = where(table, scope);
            try (PreparedStatement delete = store.prepareStatement("DELETE FROM " + table.name() + " WHERE " + where)) {
                bind(delete, table, scope);
                deleted += delete.executeUpdate();
                store.commit();
            } catch (SQLException e) {
                store.rollback();
                throw e;
            }
        }
        return deleted;
    }

    /**
     * Per table, the organization's rows and their checksum in both stores. The checksum is the sum (mod 2^256) of a
     * SHA-256 of each row's columns as text, so that it does not depend on the rows' order; the source's rows are
     * taken as they would be copied (ids renamed), sealed values are compared opened.
     */
    public List<TableCheck> verify(Connection source, Connection target, Scope scope) throws SQLException {
        List<TableCheck> checks = new ArrayList<>();
        for (Table table : TABLES) {
            Sum original = sum(source, table, scope, true, null);
            Sum copy = sum(target, table, scope, false, original.columns());
            checks.add(new TableCheck(table.name(), original.rows(), original.hex(), copy.rows(), copy.hex()));
        }
        return checks;
    }

    /**
     * The organization's visits that may still be going on: not ended, and opened (or started) after {@code since}
     * (a visit left open for longer than that is taken as abandoned and is moved as it is).
     */
    public static long liveVisits(Connection store, UUID organizationId, Instant since) throws SQLException {
        return count(store, "SELECT COUNT(*) FROM visit WHERE organization_id = ? AND status <> 'ENDED'"
                + " AND COALESCE(started_at, created_at) > ?", organizationId, since);
    }

    /** The organization's write-back tasks a relay holds now (a delivery may be under way). */
    public static long claimedTasks(Connection store, UUID organizationId, Instant now) throws SQLException {
        return count(store, "SELECT COUNT(*) FROM writeback_task WHERE organization_id = ? AND status = 'IN_FLIGHT'"
                + " AND claim_until > ?", organizationId, now);
    }

    /** The organization's rows in the store, all tables together. */
    public static long rows(Connection store, Scope scope) throws SQLException {
        long n = 0;
        for (Table table : TABLES) {
            try (PreparedStatement s = store.prepareStatement("SELECT COUNT(*) FROM " + table.name() + " WHERE "
                    + where(table, scope))) {
                bind(s, table, scope);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    n += r.getLong(1);
                }
            }
        }
        return n;
    }

    private static long count(Connection store, String sql, UUID organizationId, Instant at) throws SQLException {
        try (PreparedStatement s = store.prepareStatement(sql)) {
            s.setString(1, organizationId.toString());
            s.setObject(2, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    /** An id that names the old region, renamed to name the new one; any other value as it is. */
    public Object renamed(Object value) {
        if (!(value instanceof String text) || text.length() != 36) {
            return value;
        }
        Optional<DataRegion> named = DataRegion.ofRecordId(text);
        if (named.isEmpty() || named.get() != from) {
            return value;
        }
        return to.rename(UUID.fromString(text)).toString();
    }

    /** A source row as it goes into the target: ids renamed, sealed values sealed again for the renamed visit. */
    private Object[] moved(Table table, List<String> columns, ResultSet row) throws SQLException {
        Object[] values = new Object[columns.size()];
        int sealedAt = -1;
        int visitAt = -1;
        for (int i = 0; i < values.length; i++) {
            String column = columns.get(i);
            values[i] = row.getObject(i + 1);
            if (column.equals(table.sealedColumn())) {
                sealedAt = i;
            }
            if (column.equals(table.visitIdColumn())) {
                visitAt = i;
            }
        }
        Object oldVisit = visitAt < 0 ? null : values[visitAt];
        for (int i = 0; i < values.length; i++) {
            if (isId(columns.get(i))) {
                values[i] = renamed(values[i]);
            }
        }
        if (sealedAt >= 0 && values[sealedAt] != null && oldVisit != null) {
            values[sealedAt] = sealed.reseal(UUID.fromString(oldVisit.toString()),
                    UUID.fromString(values[visitAt].toString()), values[sealedAt].toString());
        }
        return values;
    }

    private record Sum(List<String> columns, long rows, BigInteger sum) {
        String hex() {
            byte[] bytes = sum.toByteArray();
            byte[] fixed = new byte[32];
            int n = Math.min(bytes.length, 32);
            System.arraycopy(bytes, bytes.length - n, fixed, 32 - n, n);
            return HexFormat.of().formatHex(fixed);
        }
    }

    private Sum sum(Connection store, Table table, Scope scope, boolean asMoved, List<String> columns)
            throws SQLException {
        try (PreparedStatement select = select(store, table, scope, columns); ResultSet rows = select.executeQuery()) {
            List<String> names = columns(rows.getMetaData());
            MessageDigest sha = sha256();
            BigInteger sum = BigInteger.ZERO;
            long n = 0;
            while (rows.next()) {
                Object[] values;
                if (asMoved) {
                    values = moved(table, names, rows);
                } else {
                    values = new Object[names.size()];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = rows.getObject(i + 1);
                    }
                }
                StringBuilder text = new StringBuilder();
                Object visit = table.visitIdColumn() == null ? null : values[names.indexOf(table.visitIdColumn())];
                for (int i = 0; i < values.length; i++) {
                    Object value = values[i];
                    if (names.get(i).equals(table.sealedColumn()) && value != null && visit != null) {
                        value = sealed.plain(UUID.fromString(visit.toString()), value.toString());
                    }
                    text.append(names.get(i)).append('=').append(canonical(value)).append('\u001f');
                }
                sum = sum.add(new BigInteger(1, sha.digest(text.toString().getBytes(StandardCharsets.UTF_8)))).mod(MOD);
                n++;
            }
            return new Sum(names, n, sum);
        }
    }

    private static String canonical(Object value) {
        if (value == null) {
            return "\u0000";
        }
        if (value instanceof OffsetDateTime t) {
            return t.toInstant().toString();
        }
        if (value instanceof Timestamp t) {
            return t.toInstant().toString();
        }
        if (value instanceof java.time.ZonedDateTime t) {
            return t.toInstant().toString();
        }
        if (value instanceof java.math.BigDecimal d) {
            return d.stripTrailingZeros().toPlainString();
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            return Long.toString(((Number) value).longValue());
        }
        return value.toString();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isId(String column) {
        return column.equals("id") || column.endsWith("_id");
    }

    private static List<String> columns(ResultSetMetaData meta) throws SQLException {
        List<String> columns = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            columns.add(meta.getColumnName(i).toLowerCase(Locale.ROOT));
        }
        return columns;
    }

    private static PreparedStatement select(Connection store, Table table, Scope scope, List<String> columns)
            throws SQLException {
        String list = columns == null ? "*" : String.join(", ", columns);
        PreparedStatement s = store.prepareStatement("SELECT " + list + " FROM " + table.name() + " WHERE "
                + where(table, scope));
        s.setFetchSize(BATCH);
        bind(s, table, scope);
        return s;
    }

    private static String where(Table table, Scope scope) {
        if (table.where() != null) {
            return table.where();
        }
        if (scope.endpointIds().isEmpty()) {
            return "1 = 0";
        }
        return "endpoint_id IN (" + String.join(", ", java.util.Collections.nCopies(scope.endpointIds().size(), "?"))
                + ")";
    }

    private static void bind(PreparedStatement s, Table table, Scope scope) throws SQLException {
        if (table.where() != null) {
            s.setString(1, scope.organizationId().toString());
            return;
        }
        int i = 1;
        for (UUID endpoint : scope.endpointIds()) {
            s.setString(i++, endpoint.toString());
        }
    }
}
