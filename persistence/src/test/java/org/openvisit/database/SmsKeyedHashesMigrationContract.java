package org.openvisit.database;

import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import org.openvisit.notify.domain.model.AppointmentKeys;
import org.openvisit.notify.domain.model.ControlHash;
import org.openvisit.notify.domain.model.SendKind;
import org.openvisit.notify.domain.model.SendStatus;
import org.openvisit.notify.domain.model.SmsAppointment;
import org.openvisit.notify.domain.model.SmsSend;
import org.openvisit.notify.infrastructure.persistence.JpaSmsFeedRepository;
import org.openvisit.visit.domain.model.AppointmentHashing;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Regional V12 on a store that already holds SMS rows with plain appointment ids and FHIR control ids (as V6 to V11
 * stored them): every row is converted to keyed hashes with the installation's key, nothing of the plain ids is left,
 * the appointments are found by their keys and their messages recognised as sent before, and their pending sends are
 * still there and due. Without the key, a store holding rows is not touched.
 */
abstract class SmsKeyedHashesMigrationContract {

    private static final byte[] KEY = "an installation's 32-byte key...".getBytes(StandardCharsets.UTF_8);
    private static final AppointmentHashing HASHING = new AppointmentHashing(KEY);
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final UUID ORG = UUID.randomUUID();
    private static final UUID ENDPOINT = UUID.randomUUID();
    private static final UUID OTHER_ENDPOINT = UUID.randomUUID();
    private static final String A1 = UUID.randomUUID().toString();
    private static final String A2 = UUID.randomUUID().toString();
    private static final String S1 = UUID.randomUUID().toString();
    private static final String S2 = UUID.randomUUID().toString();

    protected abstract TestDatabase createDatabase();

    @Test
    void storedRowsAreConvertedToKeyedHashesAndKeepTheirPendingSends() throws SQLException {
        try (TestDatabase db = createDatabase()) {
            SchemaMigrator.migrate(db.dataSource()); // one database for every store, as PostgreSQL's default
            SchemaMigrator.migrateRegional(db.dataSource(), () -> {
                throw new AssertionError("an empty store needs no key");
            }, "11");
            seedVersion11(db);

            // without the key: refused, and the store is left as it was
            assertThatThrownBy(() -> SchemaMigrator.migrateRegional(db.dataSource())).hasStackTraceContaining(
                    "appointment hash key");
            assertThat(SchemaMigrator.version(db.dataSource(), true)).isEqualTo("11");
            assertThat(columns(db, "sms_appointment")).contains("appointment_key").doesNotContain("appointment_hash");
            assertThat(text(db, "SELECT appointment_key FROM sms_appointment")).containsExactlyInAnyOrder("appt-77",
                    "appt-78");

            AtomicInteger asked = new AtomicInteger();
            Supplier<byte[]> key = () -> {
                asked.incrementAndGet();
                return KEY.clone();
            };
            SchemaMigrator.migrateRegional(db.dataSource(), key);
            // (to the latest version: 12 and whatever came after it)
            assertThat(Integer.parseInt(SchemaMigrator.version(db.dataSource(), true))).isGreaterThanOrEqualTo(12);
            assertThat(asked).hasValue(1);

            // nothing of the plain ids is left in the SMS tables
            assertThat(columns(db, "sms_appointment")).contains("appointment_hash", "identifier_hash")
                    .doesNotContain("appointment_key");
            assertThat(columns(db, "sms_feed_message")).contains("control_hash").doesNotContain("control_id");
            assertThat(columns(db, "sms_appointment_change")).contains("control_hash").doesNotContain("control_id");
            for (String table : List.of("sms_appointment", "sms_appointment_change", "sms_feed_message")) {
                assertThat(text(db, "SELECT * FROM " + table)).as(table).isNotEmpty()
                        .noneSatisfy(v -> assertThat(v).contains("appt-7"))
                        .noneSatisfy(v -> assertThat(v).contains("MSG-9"));
            }
            assertThat(text(db, "SELECT control_hash FROM sms_feed_message")).containsExactlyInAnyOrder(
                    ControlHash.of(HASHING, ENDPOINT, "fhir:appt-77/_history/1").value(),
                    ControlHash.of(HASHING, ENDPOINT, "fhir:appt-77/_history/2").value(),
                    ControlHash.of(HASHING, OTHER_ENDPOINT, "MSG-9").value());

            try (MigratedDatabase migrated = MigratedDatabase.open(db)) {
                // the feed finds each appointment by the keys of its id, as a new message of it computes them
                SmsAppointment a1 = inTransaction(migrated, r -> r.findAppointment(ENDPOINT,
                        AppointmentKeys.of(HASHING, ENDPOINT, "appt-77")).orElseThrow());
                assertThat(a1.id().toString()).isEqualTo(A1);
                assertThat(a1.keys()).isEqualTo(AppointmentKeys.of(HASHING, ENDPOINT, "appt-77"));
                assertThat(a1.history()).extracting(c -> c.control().value()).containsExactly(
                        ControlHash.of(HASHING, ENDPOINT, "fhir:appt-77/_history/1").value(),
                        ControlHash.of(HASHING, ENDPOINT, "fhir:appt-77/_history/2").value());
                String a2 = inTransaction(migrated, r -> r.findAppointment(OTHER_ENDPOINT,
                        AppointmentKeys.of(HASHING, OTHER_ENDPOINT, "appt-78")).orElseThrow().id().toString());
                assertThat(a2).isEqualTo(A2);
                boolean elsewhere = inTransaction(migrated, r -> r.findAppointment(ENDPOINT,
                        AppointmentKeys.of(HASHING, ENDPOINT, "appt-78")).isPresent());
                assertThat(elsewhere).as("appt-78 through the other endpoint").isFalse();
                // a message sent before the upgrade and again after it is still a duplicate
                boolean seenFhir = inTransaction(migrated, r -> r.seen(ENDPOINT,
                        ControlHash.of(HASHING, ENDPOINT, "fhir:appt-77/_history/2")));
                boolean seenHl7 = inTransaction(migrated, r -> r.seen(OTHER_ENDPOINT,
                        ControlHash.of(HASHING, OTHER_ENDPOINT, "MSG-9")));
                boolean seenNext = inTransaction(migrated, r -> r.seen(ENDPOINT,
                        ControlHash.of(HASHING, ENDPOINT, "fhir:appt-77/_history/3")));
                assertThat(List.of(seenFhir, seenHl7, seenNext)).containsExactly(true, true, false);
                // the pending sends are still there, and due
                List<SmsSend> sends = inTransaction(migrated, r -> r.sendsOf(UUID.fromString(A1)));
                assertThat(sends).extracting(SmsSend::kind, SmsSend::status).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(SendKind.REMINDER, SendStatus.PENDING));
                List<UUID> claimed = inTransaction(migrated, r -> r.claimDue(NOW.plusSeconds(3600), 100).stream()
                        .map(SmsSend::id).toList());
                assertThat(claimed).containsExactlyInAnyOrder(UUID.fromString(S1), UUID.fromString(S2));
            }
        }
    }

    private static <T> T inTransaction(MigratedDatabase db, Function<JpaSmsFeedRepository, T> work) {
        EntityManager em = db.factory().createEntityManager();
        try {
            em.getTransaction().begin();
            T result = work.apply(new JpaSmsFeedRepository(em));
            em.getTransaction().commit();
            return result;
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    /** Two appointments (two endpoints), their history and messages, and a pending send each, as V6 to V11 kept them. */
    private static void seedVersion11(TestDatabase db) throws SQLException {
        execute(db, "INSERT INTO sms_appointment (id, organization_id, endpoint_id, appointment_key, starts_at, "
                + "department, status, phone_sealed, phone_hash, link_code, created_at, version) "
                + "VALUES (?, ?, ?, 'appt-77', ?, NULL, 'MOVED', 'sealed', 'h', 'code77', ?, 1)",
                A1, ORG.toString(), ENDPOINT.toString(), at(7200), at(0));
        execute(db, "INSERT INTO sms_appointment (id, organization_id, endpoint_id, appointment_key, starts_at, "
                + "department, status, phone_sealed, phone_hash, link_code, created_at, version) "
                + "VALUES (?, ?, ?, 'appt-78', ?, NULL, 'BOOKED', 'sealed', 'h', 'code78', ?, 0)",
                A2, ORG.toString(), OTHER_ENDPOINT.toString(), at(7200), at(0));
        execute(db, "INSERT INTO sms_appointment_change (appointment_id, sequence_no, event, from_status, to_status, "
                + "control_id, changed_at) VALUES (?, 1, 'MODIFIED', NULL, 'BOOKED', 'fhir:appt-77/_history/1', ?)",
                A1, at(0));
        execute(db, "INSERT INTO sms_appointment_change (appointment_id, sequence_no, event, from_status, to_status, "
                + "control_id, changed_at) VALUES (?, 2, 'MODIFIED', 'BOOKED', 'MOVED', 'fhir:appt-77/_history/2', ?)",
                A1, at(1));
        execute(db, "INSERT INTO sms_appointment_change (appointment_id, sequence_no, event, from_status, to_status, "
                + "control_id, changed_at) VALUES (?, 1, 'BOOKED', NULL, 'BOOKED', 'MSG-9', ?)", A2, at(0));
        for (String[] m : List.of(new String[] {ENDPOINT.toString(), "fhir:appt-77/_history/1", A1},
                new String[] {ENDPOINT.toString(), "fhir:appt-77/_history/2", A1},
                new String[] {OTHER_ENDPOINT.toString(), "MSG-9", A2})) {
            execute(db, "INSERT INTO sms_feed_message (endpoint_id, control_id, organization_id, appointment_id, "
                    + "received_at) VALUES (?, ?, ?, ?, ?)", m[0], m[1], ORG.toString(), m[2], at(0));
        }
        execute(db, "INSERT INTO sms_send (id, organization_id, appointment_id, kind, slot, due_at, status, version) "
                + "VALUES (?, ?, ?, 'REMINDER', 15, ?, 'PENDING', 0)", S1, ORG.toString(), A1, at(60));
        execute(db, "INSERT INTO sms_send (id, organization_id, appointment_id, kind, slot, due_at, status, version) "
                + "VALUES (?, ?, ?, 'CONFIRMATION', 0, ?, 'PENDING', 0)", S2, ORG.toString(), A2, at(0));
    }

    private static OffsetDateTime at(int seconds) {
        return OffsetDateTime.ofInstant(NOW.plusSeconds(seconds), ZoneOffset.UTC);
    }

    private static void execute(TestDatabase db, String sql, Object... values) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            s.executeUpdate();
        }
    }

    /** Every non-null value of every column of the rows, as text. */
    private static List<String> text(TestDatabase db, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql);
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                    if (r.getString(i) != null) {
                        values.add(r.getString(i));
                    }
                }
            }
        }
        return values;
    }

    private static List<String> columns(TestDatabase db, String table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT * FROM " + table + " WHERE 1 = 0"); ResultSet r = s.executeQuery()) {
            for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                names.add(r.getMetaData().getColumnName(i).toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }
}
