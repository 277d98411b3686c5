package org.openvisit.notify.infrastructure.persistence;

import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openvisit.database.MigratedDatabase;
import org.openvisit.database.TestDatabase;
import org.openvisit.notify.domain.model.AppointmentDetails;
import org.openvisit.notify.domain.model.AppointmentEvent;
import org.openvisit.notify.domain.model.AppointmentKeys;
import org.openvisit.notify.domain.model.ControlHash;
import org.openvisit.notify.domain.model.DeliveryGroup;
import org.openvisit.notify.domain.model.AppointmentOutcome;
import org.openvisit.notify.domain.model.AppointmentStatus;
import org.openvisit.notify.domain.model.NumberPace;
import org.openvisit.notify.domain.model.OutboxEntry;
import org.openvisit.notify.domain.model.SendKind;
import org.openvisit.notify.domain.model.SendStatus;
import org.openvisit.notify.domain.model.SmsAppointment;
import org.openvisit.notify.domain.model.SmsSend;
import org.openvisit.visit.domain.model.AppointmentHashing;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SMS feed's regional tables (regional V6, V12) and their repository against a real database. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SmsFeedRepositoryContract {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    /** A made-up installation key: the hashes are the real keyed hashes. */
    private static final AppointmentHashing HASHING = new AppointmentHashing(
            UUID.randomUUID().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));

    private MigratedDatabase database;

    protected abstract TestDatabase createDatabase();

    @BeforeAll
    void open() {
        database = MigratedDatabase.open(createDatabase());
    }

    @AfterAll
    void close() {
        if (database != null) {
            database.close();
        }
    }

    private <T> T inTransaction(Function<JpaSmsFeedRepository, T> work) {
        EntityManager em = database.factory().createEntityManager();
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

    private static ControlHash control(UUID endpoint, String controlId) {
        return ControlHash.of(HASHING, endpoint, controlId);
    }

    private SmsAppointment booked(UUID org, UUID endpoint, Instant start) {
        return booked(org, endpoint, "APT-" + UUID.randomUUID(), start);
    }

    private SmsAppointment booked(UUID org, UUID endpoint, String appointmentId, Instant start) {
        return inTransaction(r -> {
            SmsAppointment a = SmsAppointment.book(org, endpoint, AppointmentKeys.of(HASHING, endpoint, appointmentId),
                    new AppointmentDetails(start, "Cardiology", "sealed", "hash-" + UUID.randomUUID(), "clinician-sealed"),
                    control(endpoint, "MSG1"), UUID.randomUUID().toString().substring(0, 12), NOW);
            r.add(a);
            r.recordMessage(endpoint, control(endpoint, "MSG1-" + appointmentId), org, a.id(), NOW);
            return a;
        });
    }

    /** Every value of every text column of the row(s) {@code where} selects, as the database holds them. */
    private List<String> rawText(String table, String where, String id) {
        return inTransaction(r -> {
            try {
                java.sql.Connection c = r.entityManager().unwrap(java.sql.Connection.class);
                List<String> values = new java.util.ArrayList<>();
                try (java.sql.PreparedStatement s = c.prepareStatement("SELECT * FROM " + table + " WHERE " + where)) {
                    s.setString(1, id);
                    try (java.sql.ResultSet rows = s.executeQuery()) {
                        while (rows.next()) {
                            for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                                values.add(rows.getMetaData().getColumnName(i).toLowerCase(java.util.Locale.ROOT)
                                        + "=" + rows.getString(i));
                            }
                        }
                    }
                }
                return values;
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void noPlainAppointmentIdOrControlIdIsStoredAndTheSameAppointmentAnnouncedTwiceIsOneRow() {
        UUID org = UUID.randomUUID();
        UUID endpoint = UUID.randomUUID();
        String appointmentId = "appt-secret-" + UUID.randomUUID().toString().substring(0, 8);
        String fhirControl = "fhir:" + appointmentId + "/_history/1";
        SmsAppointment a = inTransaction(r -> {
            AppointmentKeys keys = AppointmentKeys.of(HASHING, endpoint, appointmentId);
            assertThat(r.findAppointment(endpoint, keys)).isEmpty();
            SmsAppointment booked = SmsAppointment.book(org, endpoint, keys, new AppointmentDetails(
                    NOW.plus(Duration.ofDays(1)), null, "sealed", "h"), control(endpoint, fhirControl), "code"
                    + UUID.randomUUID().toString().substring(0, 8), NOW);
            r.add(booked);
            r.recordMessage(endpoint, control(endpoint, fhirControl), org, booked.id(), NOW);
            return booked;
        });
        // announced again (a replay, then the next version): the same keys find the same row
        String second = "fhir:" + appointmentId + "/_history/2";
        inTransaction(r -> {
            assertThat(r.seen(endpoint, control(endpoint, fhirControl))).isTrue();
            assertThat(r.seen(endpoint, control(endpoint, second))).isFalse();
            SmsAppointment again = r.findAppointment(endpoint, AppointmentKeys.of(HASHING, endpoint, appointmentId))
                    .orElseThrow();
            assertThat(again.id()).isEqualTo(a.id());
            again.apply(AppointmentEvent.MODIFIED, new AppointmentDetails(NOW.plus(Duration.ofDays(2)), null, null,
                    null), control(endpoint, second), NOW);
            r.recordMessage(endpoint, control(endpoint, second), org, again.id(), NOW);
            return null;
        });
        assertThat(this.<Long>inTransaction(r -> ((Number) r.entityManager().createNativeQuery(
                "SELECT COUNT(*) FROM sms_appointment WHERE endpoint_id = ?1").setParameter(1, endpoint.toString())
                .getSingleResult()).longValue())).isEqualTo(1);
        // a second row for the same appointment and endpoint is refused by the database
        assertThatThrownBy(() -> inTransaction(r -> {
            r.add(SmsAppointment.book(org, endpoint, AppointmentKeys.of(HASHING, endpoint, appointmentId),
                    new AppointmentDetails(NOW, null, null, null), control(endpoint, "other"), "other"
                            + UUID.randomUUID().toString().substring(0, 8), NOW));
            return null;
        })).isInstanceOf(RuntimeException.class);
        // the same id through another endpoint is another appointment
        assertThat(this.<java.util.Optional<SmsAppointment>>inTransaction(r -> r.findAppointment(UUID.randomUUID(),
                AppointmentKeys.of(HASHING, endpoint, appointmentId)))).isEmpty();

        // what the database holds: hashes, never the id (nor the FHIR control id that carries it)
        List<String> stored = new java.util.ArrayList<>();
        stored.addAll(rawText("sms_appointment", "id = ?", a.id().toString()));
        stored.addAll(rawText("sms_appointment_change", "appointment_id = ?", a.id().toString()));
        stored.addAll(rawText("sms_feed_message", "appointment_id = ?", a.id().toString()));
        assertThat(stored).hasSizeGreaterThan(20).noneSatisfy(v -> assertThat(v).contains(appointmentId))
                .noneSatisfy(v -> assertThat(v).containsIgnoringCase("fhir:"))
                .contains("appointment_hash=" + AppointmentKeys.of(HASHING, endpoint, appointmentId).reference().value(),
                        "identifier_hash=" + AppointmentKeys.of(HASHING, endpoint, appointmentId).identifier().value(),
                        "control_hash=" + control(endpoint, fhirControl).value(),
                        "control_hash=" + control(endpoint, second).value());
        assertThat(stored).noneSatisfy(v -> assertThat(v).startsWith("appointment_key="))
                .noneSatisfy(v -> assertThat(v).startsWith("control_id="));
    }

    @Test
    void anAppointmentIsStoredWithItsHistoryAndFoundByKeyAndLink() {
        UUID org = UUID.randomUUID();
        UUID endpoint = UUID.randomUUID();
        SmsAppointment a = booked(org, endpoint, NOW.plus(Duration.ofDays(2)));
        inTransaction(r -> r.appointment(a.id()).orElseThrow().apply(AppointmentEvent.RESCHEDULED,
                new AppointmentDetails(NOW.plus(Duration.ofDays(3)), null, null, null), control(endpoint, "MSG2"),
                NOW));
        SmsAppointment loaded = inTransaction(r -> r.findAppointment(endpoint, a.keys()).orElseThrow());
        assertThat(loaded.status()).isEqualTo(AppointmentStatus.MOVED);
        assertThat(loaded.startsAt()).isEqualTo(NOW.plus(Duration.ofDays(3)));
        assertThat(loaded.department()).contains("Cardiology");
        assertThat(loaded.phoneSealed()).contains("sealed");
        assertThat(loaded.history()).extracting(c -> c.event() + ":" + c.to())
                .containsExactly("BOOKED:BOOKED", "RESCHEDULED:MOVED");
        assertThat(this.<java.util.Optional<SmsAppointment>>inTransaction(r -> r.appointmentByLink(a.linkCode()))).isPresent();
        assertThat(loaded.keys()).isEqualTo(a.keys());
        assertThat(this.<java.util.Optional<SmsAppointment>>inTransaction(r -> r.findAppointment(UUID.randomUUID(),
                a.keys()))).isEmpty();
    }

    @Test
    void aMessageIsRecordedOnceAndTheSecondRecordFails() {
        UUID endpoint = UUID.randomUUID();
        SmsAppointment a = booked(UUID.randomUUID(), endpoint, NOW.plus(Duration.ofDays(1)));
        inTransaction(r -> {
            r.recordMessage(endpoint, control(endpoint, "CTRL-1"), a.organizationId(), a.id(), NOW);
            return null;
        });
        assertThat(this.<Boolean>inTransaction(r -> r.seen(endpoint, control(endpoint, "CTRL-1")))).isTrue();
        UUID other = UUID.randomUUID();
        assertThat(this.<Boolean>inTransaction(r -> r.seen(other, control(other, "CTRL-1")))).isFalse();
        assertThat(this.<Boolean>inTransaction(r -> r.seen(other, control(endpoint, "CTRL-1")))).isFalse();
        assertThatThrownBy(() -> inTransaction(r -> {
            r.recordMessage(endpoint, control(endpoint, "CTRL-1"), a.organizationId(), a.id(), NOW);
            return null;
        })).isInstanceOf(RuntimeException.class);
    }

    @Test
    void aSendExistsOncePerAppointmentKindAndSlot() {
        SmsAppointment a = booked(UUID.randomUUID(), UUID.randomUUID(), NOW.plus(Duration.ofDays(1)));
        assertThat(this.<Boolean>inTransaction(r -> r.addIfAbsent(new SmsSend(a, SendKind.REMINDER, 15, NOW)))).isTrue();
        assertThat(this.<Boolean>inTransaction(r -> r.addIfAbsent(new SmsSend(a, SendKind.REMINDER, 15, NOW)))).isFalse();
        assertThat(this.<Boolean>inTransaction(r -> r.addIfAbsent(new SmsSend(a, SendKind.REMINDER, 1440, NOW)))).isTrue();
        // the unique constraint is the last guard: a plain insert of a duplicate fails
        assertThatThrownBy(() -> {
            EntityManager em = database.factory().createEntityManager();
            try {
                em.getTransaction().begin();
                em.persist(new SmsSend(a, SendKind.REMINDER, 15, NOW));
                em.flush();
            } finally {
                if (em.getTransaction().isActive()) {
                    em.getTransaction().rollback();
                }
                em.close();
            }
        }).isInstanceOf(RuntimeException.class);
        assertThat(this.<List<SmsSend>>inTransaction(r -> r.sendsOf(a.id()))).hasSize(2);
    }

    @Test
    void dueSendsAreClaimedOnceAndOnlyWhenDue() throws Exception {
        UUID org = UUID.randomUUID();
        SmsAppointment a = booked(org, UUID.randomUUID(), NOW.plus(Duration.ofDays(1)));
        Instant past = Instant.parse("2000-01-01T00:00:00Z");
        inTransaction(r -> r.addIfAbsent(new SmsSend(a, SendKind.CONFIRMATION, 0, past)));
        inTransaction(r -> r.addIfAbsent(new SmsSend(a, SendKind.REMINDER, 60, NOW.plus(Duration.ofDays(1)))));
        assertThat(this.<List<org.openvisit.notify.domain.model.DueOrganization>>inTransaction(r -> r.dueOrganizations(past.plusSeconds(1), 1000)))
                .extracting(d -> d.organizationId()).contains(org);

        List<SmsSend> claimed = inTransaction(r -> {
            List<SmsSend> c = r.claimDue(past.plusSeconds(1), 1000).stream()
                    .filter(s -> s.appointmentId().equals(a.id())).toList();
            c.forEach(s -> s.sent(NOW));
            return c;
        });
        assertThat(claimed).extracting(SmsSend::kind).containsExactly(SendKind.CONFIRMATION);
        assertThat(this.<java.util.Map<UUID, SmsAppointment>>inTransaction(r -> r.appointments(
                List.of(a.id(), UUID.randomUUID(), a.id())))).containsOnlyKeys(a.id());
        assertThat(this.<List<SmsSend>>inTransaction(r -> r.claimDue(past.plusSeconds(1), 1000)).stream()
                .filter(s -> s.appointmentId().equals(a.id()))).isEmpty();
        assertThat(this.<List<SmsSend>>inTransaction(r -> r.sendsOf(a.id()))).extracting(SmsSend::status)
                .containsExactlyInAnyOrder(SendStatus.SENT, SendStatus.PENDING);
    }

    @Test
    void twoClaimersAtOnceNeverTakeTheSameSend() throws Exception {
        Instant due = Instant.parse("2001-01-01T00:00:00Z");
        java.util.Set<UUID> mine = new java.util.HashSet<>();
        for (int i = 0; i < 10; i++) {
            SmsAppointment a = booked(UUID.randomUUID(), UUID.randomUUID(), NOW.plus(Duration.ofDays(1)));
            SmsSend send = new SmsSend(a, SendKind.CONFIRMATION, 0, due);
            inTransaction(r -> r.addIfAbsent(send));
            mine.add(send.id());
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<UUID>>> results = List.of(pool.submit(() -> claimAll(start, due)),
                    pool.submit(() -> claimAll(start, due)));
            start.countDown();
            List<UUID> first = results.get(0).get();
            List<UUID> second = results.get(1).get();
            java.util.Set<UUID> both = new java.util.HashSet<>(first);
            both.retainAll(second);
            assertThat(both).as("taken by both").isEmpty();
            java.util.Set<UUID> all = new java.util.HashSet<>(first);
            all.addAll(second);
            assertThat(all).containsAll(mine);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aNumbersPaceIsOneLockedRowSoASecondNodeWaitsAndSeesTheSlotsTaken() throws Exception {
        String from = "+1202555" + (1000 + new java.util.Random().nextInt(8999));
        Duration second = Duration.ofSeconds(1);
        assertThat(this.<List<NumberPace.Row>>inTransaction(r -> r.lockPace(List.of(from)))).isEmpty();
        inTransaction(r -> {
            NumberPace pace = new NumberPace(r.lockPace(List.of(from)), 1, second, Duration.ofMinutes(5));
            pace.take(from, NOW);
            r.savePace(pace.rows());
            return null;
        });
        assertThat(this.<List<NumberPace.Row>>inTransaction(r -> r.lockPace(List.of(from))))
                .containsExactly(new NumberPace.Row(from, NOW.plusSeconds(1), 0));

        // node A holds the row while it sends; node B's claim waits for it and then takes the slots after A's
        CountDownLatch aLocked = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Instant> a = pool.submit(() -> inTransaction(r -> {
                NumberPace pace = new NumberPace(r.lockPace(List.of(from)), 1, second, Duration.ofMinutes(5));
                aLocked.countDown();
                Instant slot = pace.take(from, NOW);
                pace.take(from, NOW);
                sleep(500);
                r.savePace(pace.rows());
                return slot;
            }));
            aLocked.await();
            Future<Instant> b = pool.submit(() -> inTransaction(r -> {
                NumberPace pace = new NumberPace(r.lockPace(List.of(from)), 1, second, Duration.ofMinutes(5));
                Instant slot = pace.take(from, NOW);
                r.savePace(pace.rows());
                return slot;
            }));
            assertThat(a.get()).isEqualTo(NOW.plusSeconds(1));
            assertThat(b.get()).isEqualTo(NOW.plusSeconds(3));
        } finally {
            pool.shutdownNow();
        }
        assertThat(this.<List<NumberPace.Row>>inTransaction(r -> r.lockPace(List.of(from, "+12025559999"))))
                .containsExactly(new NumberPace.Row(from, NOW.plusSeconds(4), 0));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<UUID> claimAll(CountDownLatch start, Instant due) throws InterruptedException {
        start.await();
        return inTransaction(r -> {
            List<SmsSend> c = r.claimDue(due.plusSeconds(1), 1000);
            c.forEach(s -> s.sent(NOW));
            return c.stream().map(SmsSend::id).toList();
        });
    }

    @Test
    void theOutboxAndTheOptOutListKeepNoNumberInClear() {
        UUID org = UUID.randomUUID();
        inTransaction(r -> {
            r.addOutbox(new OutboxEntry(UUID.randomUUID(), org, null, "+12025550100", "+1•••••••4567",
                    "Your video visit is booked.", NOW));
            return null;
        });
        assertThat(this.<List<OutboxEntry>>inTransaction(r -> r.outbox(org, 10))).extracting(OutboxEntry::toMasked)
                .containsExactly("+1•••••••4567");
        assertThat(this.<Boolean>inTransaction(r -> r.optedOut(org, "h1"))).isFalse();
        inTransaction(r -> {
            r.optOut(org, "h1", true, NOW);
            return null;
        });
        assertThat(this.<Boolean>inTransaction(r -> r.optedOut(org, "h1"))).isTrue();
        assertThat(this.<Boolean>inTransaction(r -> r.optedOut(UUID.randomUUID(), "h1"))).isFalse();
        assertThat(this.<java.util.Set<String>>inTransaction(r -> r.optedOut(org, List.of("h1", "h2", "h1"))))
                .as("the batch form").containsExactly("h1");
        assertThat(this.<java.util.Set<String>>inTransaction(r -> r.optedOut(UUID.randomUUID(), List.of("h1"))))
                .isEmpty();
        inTransaction(r -> {
            r.optOut(org, "h1", false, NOW);
            return null;
        });
        assertThat(this.<Boolean>inTransaction(r -> r.optedOut(org, "h1"))).isFalse();
    }

    @Test
    void aCancelledAppointmentIsFoundByEitherHashAVisitMayHaveOfIt() {
        UUID org = UUID.randomUUID();
        UUID endpoint = UUID.randomUUID();
        String id = "APT-" + UUID.randomUUID();
        AppointmentKeys keys = AppointmentKeys.of(HASHING, endpoint, id);
        SmsAppointment a = booked(org, endpoint, id, NOW.plus(Duration.ofDays(1)));
        assertThat(this.<Boolean>inTransaction(r -> r.cancelled(endpoint, keys.reference().value()))).as("booked").isFalse();
        inTransaction(r -> r.appointment(a.id()).orElseThrow().apply(AppointmentEvent.CANCELLED,
                new AppointmentDetails(a.startsAt(), null, null, null), control(endpoint, "CANCEL"), NOW));
        assertThat(this.<Boolean>inTransaction(r -> r.cancelled(endpoint, keys.reference().value()))).isTrue();
        assertThat(this.<Boolean>inTransaction(r -> r.cancelled(endpoint, keys.identifier().value()))).isTrue();
        assertThat(this.<Boolean>inTransaction(r -> r.cancelled(UUID.randomUUID(), keys.reference().value())))
                .as("another endpoint's appointment").isFalse();
    }

    @Test
    void aVisitFindsItsAppointmentFromTheFeedByEitherHashItMayHaveOfIt() {
        UUID org = UUID.randomUUID();
        UUID endpoint = UUID.randomUUID();
        String id = "APT-" + UUID.randomUUID();
        AppointmentKeys keys = AppointmentKeys.of(HASHING, endpoint, id);
        SmsAppointment a = booked(org, endpoint, id, NOW.plus(Duration.ofDays(1)));
        for (String hash : List.of(keys.reference().value(), keys.identifier().value())) {
            assertThat(this.<java.util.Optional<SmsAppointment>>inTransaction(r -> r.appointmentOfVisit(endpoint, hash)))
                    .hasValueSatisfying(found -> assertThat(found.id()).isEqualTo(a.id()));
        }
        assertThat(this.<java.util.Optional<SmsAppointment>>inTransaction(
                r -> r.appointmentOfVisit(UUID.randomUUID(), keys.reference().value()))).as("another endpoint's").isEmpty();
        assertThat(this.<java.util.Optional<SmsAppointment>>inTransaction(
                r -> r.appointmentOfVisit(endpoint, AppointmentKeys.of(HASHING, endpoint, "APT-other").reference().value())))
                .as("another appointment").isEmpty();
    }

    @Test
    void numbersAreForgottenOnceTheAppointmentIsOverOrCancelledAndItsMessagesSent() {
        UUID org = UUID.randomUUID();
        SmsAppointment over = booked(org, UUID.randomUUID(), NOW.minus(Duration.ofDays(3)));
        SmsAppointment ahead = booked(org, UUID.randomUUID(), NOW.plus(Duration.ofDays(3)));
        SmsAppointment cancelled = booked(org, UUID.randomUUID(), NOW.plus(Duration.ofDays(3)));
        SmsAppointment cancelling = booked(org, UUID.randomUUID(), NOW.plus(Duration.ofDays(3)));
        for (SmsAppointment c : List.of(cancelled, cancelling)) {
            AppointmentOutcome o = inTransaction(r -> r.appointment(c.id()).orElseThrow().apply(
                    AppointmentEvent.CANCELLED, new AppointmentDetails(c.startsAt(), null, null, null),
                    control(c.endpointId(), "C"), NOW));
            assertThat(o).isEqualTo(AppointmentOutcome.CANCELLED);
        }
        inTransaction(r -> r.addIfAbsent(new SmsSend(r.appointment(cancelling.id()).orElseThrow(),
                SendKind.CANCELLATION, 0, NOW)));

        inTransaction(r -> r.forgetPhones(NOW.minus(Duration.ofDays(1)), 100_000));

        assertThat(this.<java.util.Optional<String>>inTransaction(r -> r.appointment(over.id()).orElseThrow().phoneSealed())).isEmpty();
        assertThat(this.<java.util.Optional<String>>inTransaction(r -> r.appointment(cancelled.id()).orElseThrow().phoneSealed())).isEmpty();
        assertThat(this.<java.util.Optional<String>>inTransaction(r -> r.appointment(ahead.id()).orElseThrow().phoneSealed())).isPresent();
        assertThat(this.<java.util.Optional<String>>inTransaction(r -> r.appointment(cancelling.id()).orElseThrow().phoneSealed())).isPresent();
        // the clinician's name goes with the number, and stays as long
        assertThat(this.<java.util.Optional<String>>inTransaction(r -> r.appointment(over.id()).orElseThrow().clinicianSealed())).isEmpty();
        assertThat(this.<java.util.Optional<String>>inTransaction(r -> r.appointment(cancelled.id()).orElseThrow().clinicianSealed())).isEmpty();
        assertThat(this.<java.util.Optional<String>>inTransaction(r -> r.appointment(ahead.id()).orElseThrow().clinicianSealed())).contains("clinician-sealed");
    }

    private UUID visit(UUID org, UUID endpoint, String status) {
        UUID id = UUID.randomUUID();
        inTransaction(r -> {
            EntityManager em = r.entityManager();
            return em.createNativeQuery("INSERT INTO visit (id, endpoint_id, organization_id, key_kind, "
                            + "appointment_hash, status, created_at, ended_at, version) VALUES (?1, ?2, ?3, 'APPOINTMENT', ?4, "
                            + "?5, CURRENT_TIMESTAMP, " + ("ENDED".equals(status) ? "CURRENT_TIMESTAMP" : "NULL")
                            + ", 0)")
                    .setParameter(1, id.toString()).setParameter(2, endpoint.toString())
                    .setParameter(3, org.toString()).setParameter(4, "h-" + id).setParameter(5, status)
                    .executeUpdate();
        });
        return id;
    }

    private String sealedOfLink(String code) {
        return inTransaction(r -> {
            List<?> rows = r.entityManager().createNativeQuery(
                    "SELECT phone_sealed FROM sms_link_send WHERE link_code = ?1").setParameter(1, code).getResultList();
            assertThat(rows).hasSize(1);
            return rows.get(0) == null ? null : rows.get(0).toString();
        });
    }

    @Test
    void linksSentFromAVisitAreCountedFoundByTheirCodeAndTheirNumbersForgottenWhenTheAppointmentIsOver() {
        UUID org = UUID.randomUUID();
        UUID endpoint = UUID.randomUUID();
        UUID open = visit(org, endpoint, "SCHEDULED");
        UUID ended = visit(org, endpoint, "ENDED");
        String past = "p" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String ahead = "a" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String over = "o" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        inTransaction(r -> {
            r.addLinkSend(new org.openvisit.notify.domain.model.LinkSend(UUID.randomUUID(), org, endpoint, open,
                    "sealed-1", past, NOW.minus(Duration.ofDays(2)), NOW.minus(Duration.ofMinutes(5))));
            r.addLinkSend(new org.openvisit.notify.domain.model.LinkSend(UUID.randomUUID(), org, endpoint, open,
                    "sealed-2", ahead, NOW.plus(Duration.ofHours(1)), NOW));
            r.addLinkSend(new org.openvisit.notify.domain.model.LinkSend(UUID.randomUUID(), org, endpoint, ended,
                    "sealed-3", over, NOW.plus(Duration.ofHours(1)), NOW));
            return null;
        });
        assertThat(this.<Integer>inTransaction(r -> r.linkSendsOf(open, NOW.minus(Duration.ofDays(1))))).isEqualTo(2);
        assertThat(this.<Integer>inTransaction(r -> r.linkSendsOf(open, NOW.minus(Duration.ofMinutes(1))))).isEqualTo(1);
        assertThat(this.<java.util.Optional<UUID>>inTransaction(r -> r.visitOfLink(ahead))).contains(open);
        assertThat(this.<java.util.Optional<UUID>>inTransaction(r -> r.visitOfLink("nosuchcode"))).isEmpty();

        inTransaction(r -> r.forgetLinkPhones(NOW.minus(Duration.ofDays(1)), 1000));

        assertThat(sealedOfLink(past)).isNull();
        assertThat(sealedOfLink(over)).isNull();
        assertThat(sealedOfLink(ahead)).isEqualTo("sealed-2");
        assertThatThrownBy(() -> inTransaction(r -> {
            r.addLinkSend(new org.openvisit.notify.domain.model.LinkSend(UUID.randomUUID(), org, endpoint, open,
                    "sealed-4", ahead, NOW, NOW));
            return null;
        })).isInstanceOf(RuntimeException.class);

        // a send the carrier did not take is forgotten and counts no more
        UUID untaken = UUID.randomUUID();
        inTransaction(r -> {
            r.addLinkSend(new org.openvisit.notify.domain.model.LinkSend(untaken, org, endpoint, open, "sealed-5",
                    "u" + UUID.randomUUID().toString().replace("-", "").substring(0, 12), NOW, NOW));
            return null;
        });
        assertThat(this.<Integer>inTransaction(r -> r.linkSendsOf(open, NOW.minus(Duration.ofMinutes(1))))).isEqualTo(2);
        inTransaction(r -> {
            r.removeLinkSend(untaken);
            return null;
        });
        assertThat(this.<Integer>inTransaction(r -> r.linkSendsOf(open, NOW.minus(Duration.ofMinutes(1))))).isEqualTo(1);
    }

    @Test
    void aCarriersDeliveryStatusLandsOnItsOutboxRowAndAFinalOneIsNotUndoneByALateEarlierOne() {
        UUID org = UUID.randomUUID();
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        inTransaction(r -> {
            r.addOutbox(new OutboxEntry(UUID.randomUUID(), org, null, "+12025550100", "+1•••••••4567", "Hello", NOW,
                    sid, "queued", NOW));
            return null;
        });
        assertThat(this.<Boolean>inTransaction(r -> r.recordDelivery(sid, "delivered", NOW.plusSeconds(5)))).isTrue();
        inTransaction(r -> r.recordDelivery(sid, "sent", NOW.plusSeconds(6)));
        assertThat(this.<Boolean>inTransaction(r -> r.recordDelivery("SMnone", "delivered", NOW))).isFalse();
        OutboxEntry row = this.<List<OutboxEntry>>inTransaction(r -> r.outbox(org, 10)).get(0);
        assertThat(row.carrierMessageId()).isEqualTo(sid);
        assertThat(row.deliveryStatus()).isEqualTo("delivered");
        assertThat(row.statusAt()).isEqualTo(NOW.plusSeconds(5));
    }

    @Test
    void theOutboxIsFilteredByDeliveryGroupInTheDatabase() {
        UUID org = UUID.randomUUID();
        String[][] rows = {{null, null, "builtin"}, {"SMa", null, "waiting"}, {"SMb", "QUEUED", "queued"},
                {"SMc", "delivered", "delivered"}, {"SMd", "undelivered", "undelivered"}, {"SMe", "failed", "failed"},
                {"SMf", "receiving", "other"}};
        inTransaction(r -> {
            int i = 0;
            for (String[] row : rows) {
                r.addOutbox(new OutboxEntry(UUID.randomUUID(), org, null, "+12025550100", "+1•••••••4567", row[2],
                        NOW.plusSeconds(i++), row[0] == null ? null : row[0] + UUID.randomUUID(), row[1],
                        row[1] == null ? null : NOW));
            }
            return null;
        });
        java.util.function.Function<DeliveryGroup, List<String>> bodies = g ->
                this.<List<OutboxEntry>>inTransaction(r -> r.outbox(org, g, 50)).stream().map(OutboxEntry::body)
                        .toList();
        assertThat(bodies.apply(null)).hasSize(7);
        assertThat(bodies.apply(DeliveryGroup.BUILTIN)).containsExactly("builtin");
        assertThat(bodies.apply(DeliveryGroup.WAITING))
                .containsExactly("queued", "waiting");
        assertThat(bodies.apply(DeliveryGroup.DELIVERED)).containsExactly("delivered");
        assertThat(bodies.apply(DeliveryGroup.NOT_DELIVERED))
                .containsExactly("failed", "undelivered");
        assertThat(bodies.apply(DeliveryGroup.OTHER)).containsExactly("other");
        for (String[] row : rows) {
            DeliveryGroup group =
                    DeliveryGroup.of(row[0], row[1]);
            assertThat(bodies.apply(group)).as(row[2] + " is in " + group).contains(row[2]);
        }
    }
}
