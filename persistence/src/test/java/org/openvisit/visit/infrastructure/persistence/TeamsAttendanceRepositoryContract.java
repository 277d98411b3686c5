package org.openvisit.visit.infrastructure.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openvisit.database.MigratedDatabase;
import org.openvisit.database.TestDatabase;
import org.openvisit.tenant.domain.model.DataRegion;
import org.openvisit.visit.domain.model.AppointmentHash;
import org.openvisit.visit.domain.model.TeamsAttendanceMark;
import org.openvisit.visit.domain.model.TeamsAttendanceWatch;
import org.openvisit.visit.domain.model.TeamsCallRecord;
import org.openvisit.visit.domain.model.Visit;
import org.openvisit.visit.domain.model.VisitKeyKind;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The V14 regional migration and the Teams attendance repository against a real database: one watch per visit, due
 * watches found by time and skipped while another transaction holds them, marks unique per key. Subclasses name the
 * database (H2, PostgreSQL).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TeamsAttendanceRepositoryContract {

    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00.123Z");

    private MigratedDatabase database;
    private EntityManagerFactory factory;

    protected abstract TestDatabase createDatabase();

    @BeforeAll
    void migrateAndOpen() {
        database = MigratedDatabase.open(createDatabase());
        factory = database.factory();
    }

    @AfterAll
    void closeAndDrop() {
        if (database != null) {
            database.close();
        }
    }

    private Visit visit() {
        return inTransaction(em -> {
            Visit v = Visit.schedule(UUID.randomUUID(), UUID.randomUUID(), DataRegion.AMERICAS,
                    VisitKeyKind.APPOINTMENT, new AppointmentHash(HexFormat.of().formatHex(random())), null, T0);
            new JpaVisitRepository(em).add(v);
            return v;
        });
    }

    @Test
    void keepsOneWatchPerVisitWithItsScheduleAndOutcome() {
        Visit v = visit();
        String meetingId = "MSo" + "x".repeat(600); // Graph's meeting ids are long base64
        inTransaction(em -> {
            new JpaTeamsAttendanceRepository(em).add(TeamsAttendanceWatch.of(v, "organizer@example.org", meetingId,
                    T0, T0.plusSeconds(120)));
            return null;
        });
        assertThatThrownBy(() -> inTransaction(em -> {
            new JpaTeamsAttendanceRepository(em).add(TeamsAttendanceWatch.of(v, "someone-else", "MSo2", T0, T0));
            return null;
        })).isInstanceOf(PersistenceException.class);

        inTransaction(em -> {
            TeamsAttendanceWatch w = new JpaTeamsAttendanceRepository(em).findForUpdate(v.id()).orElseThrow();
            w.failed(T0.plusSeconds(120), "Microsoft Graph answered HTTP 503\n", T0.plusSeconds(360));
            return null;
        });
        TeamsAttendanceWatch failed = inTransaction(em -> new JpaTeamsAttendanceRepository(em).find(v.id()))
                .orElseThrow();
        assertThat(failed.meetingId()).isEqualTo(meetingId);
        assertThat(failed.organizer()).isEqualTo("organizer@example.org");
        assertThat(failed.organizationId()).isEqualTo(v.organizationId());
        assertThat(failed.failures()).isOne();
        assertThat(failed.lastError()).contains("Microsoft Graph answered HTTP 503");
        assertThat(failed.nextPollAt()).contains(T0.plusSeconds(360));

        inTransaction(em -> {
            new JpaTeamsAttendanceRepository(em).findForUpdate(v.id()).orElseThrow().polled(T0.plusSeconds(360), null);
            return null;
        });
        TeamsAttendanceWatch done = inTransaction(em -> new JpaTeamsAttendanceRepository(em).find(v.id()))
                .orElseThrow();
        assertThat(done.polls()).isOne();
        assertThat(done.failures()).isZero();
        assertThat(done.lastError()).isEmpty();
        assertThat(done.nextPollAt()).as("the watch is over").isEmpty();
        assertThat(done.lastPolledAt()).contains(T0.plusSeconds(360));
    }

    @Test
    void findsDueWatchesSoonestFirstAndSkipsThoseAnotherTransactionHolds() {
        Instant far = Instant.parse("2040-01-01T00:00:00Z"); // later than every other test's watches
        Visit later = visit();
        Visit sooner = visit();
        Visit notYet = visit();
        inTransaction(em -> {
            JpaTeamsAttendanceRepository repo = new JpaTeamsAttendanceRepository(em);
            repo.add(TeamsAttendanceWatch.of(later, "o", "m1", T0, far.plusSeconds(20)));
            repo.add(TeamsAttendanceWatch.of(sooner, "o", "m2", T0, far.plusSeconds(10)));
            repo.add(TeamsAttendanceWatch.of(notYet, "o", "m3", T0, far.plusSeconds(3600)));
            return null;
        });
        Instant now = far.plusSeconds(30);
        List<UUID> due = inTransaction(em -> new JpaTeamsAttendanceRepository(em).dueForUpdate(now, 100).stream()
                .map(TeamsAttendanceWatch::visitId).filter(id -> id.equals(later.id()) || id.equals(sooner.id())
                        || id.equals(notYet.id())).toList());
        assertThat(due).containsExactly(sooner.id(), later.id());

        EntityManager holder = factory.createEntityManager();
        try {
            holder.getTransaction().begin();
            new JpaTeamsAttendanceRepository(holder).findForUpdate(sooner.id()).orElseThrow();
            List<UUID> others = inTransaction(em -> new JpaTeamsAttendanceRepository(em).dueForUpdate(now, 100)
                    .stream().map(TeamsAttendanceWatch::visitId).toList());
            assertThat(others).as("a row another node holds is skipped, not waited for")
                    .contains(later.id()).doesNotContain(sooner.id(), notYet.id());
            holder.getTransaction().rollback();
        } finally {
            holder.close();
        }
    }

    @Test
    void marksAreUniquePerKeyAndFoundPerVisit() {
        Visit v = visit();
        Visit other = visit();
        String a = hex();
        String b = hex();
        inTransaction(em -> {
            JpaTeamsAttendanceRepository repo = new JpaTeamsAttendanceRepository(em);
            repo.mark(new TeamsAttendanceMark(a, v.id(), v.organizationId(), T0));
            repo.mark(new TeamsAttendanceMark(b, other.id(), other.organizationId(), T0));
            return null;
        });
        Set<String> found = inTransaction(em -> new JpaTeamsAttendanceRepository(em).marked(v.id(),
                List.of(a, b, hex())));
        assertThat(found).containsExactly(a);
        Set<String> none = inTransaction(em -> new JpaTeamsAttendanceRepository(em).marked(v.id(), List.of()));
        assertThat(none).isEmpty();
        assertThatThrownBy(() -> inTransaction(em -> {
            new JpaTeamsAttendanceRepository(em).mark(new TeamsAttendanceMark(a, v.id(), v.organizationId(), T0));
            return null;
        })).isInstanceOf(PersistenceException.class);
    }

    private <T> T inTransaction(Function<EntityManager, T> work) {
        EntityManager em = factory.createEntityManager();
        try {
            em.getTransaction().begin();
            T result = work.apply(em);
            em.getTransaction().commit();
            return result;
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    private static byte[] random() {
        byte[] b = new byte[32];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }

    private static String hex() {
        return HexFormat.of().formatHex(random());
    }

    @Test
    void findsAWatchByItsMeetingsJoinUrlHowEverGraphEncodesIt() {
        Visit v = visit();
        String join = "https://teams.microsoft.com/l/meetup-join/19%3ameeting_" + UUID.randomUUID() + "%40thread.v2/0";
        inTransaction(em -> {
            new JpaTeamsAttendanceRepository(em).add(TeamsAttendanceWatch.of(v, "organizer@example.org", "MSo-j", join,
                    T0, T0));
            return null;
        });
        String decoded = join.replace("%3a", ":").replace("%40", "@");
        java.util.Optional<TeamsAttendanceWatch> found = inTransaction(em -> new JpaTeamsAttendanceRepository(em)
                .findByJoinUrlHash(TeamsAttendanceWatch.joinUrlHash(decoded)));
        assertThat(found.map(TeamsAttendanceWatch::visitId)).contains(v.id());
        java.util.Optional<TeamsAttendanceWatch> other = inTransaction(em -> new JpaTeamsAttendanceRepository(em)
                .findByJoinUrlHash(TeamsAttendanceWatch.joinUrlHash(join + "x")));
        assertThat(other).isEmpty();
    }

    @Test
    void queuesACallRecordOnceAndHandsOutDueOnesUntilRemoved() {
        UUID organization = UUID.randomUUID();
        String id = UUID.randomUUID().toString();
        Instant far = Instant.parse("2000-01-01T00:00:00Z"); // before every other test's rows
        Boolean first = inTransaction(em -> new JpaTeamsAttendanceRepository(em)
                .queue(new TeamsCallRecord(id, organization, far, far)));
        Boolean second = inTransaction(em -> new JpaTeamsAttendanceRepository(em)
                .queue(new TeamsCallRecord(id, organization, far, far)));
        assertThat(first).isTrue();
        assertThat(second).isFalse();
        assertThatThrownBy(() -> new TeamsCallRecord("../x", organization, far, far))
                .isInstanceOf(org.openvisit.shared.domain.model.InvalidValueException.class);

        List<String> due = inTransaction(em -> new JpaTeamsAttendanceRepository(em)
                .dueCallRecordsForUpdate(far.plusSeconds(1), 500).stream().map(TeamsCallRecord::callRecordId).toList());
        assertThat(due).contains(id);
        inTransaction(em -> {
            TeamsCallRecord c = new JpaTeamsAttendanceRepository(em).findCallRecordForUpdate(id).orElseThrow();
            c.failed("Graph said no", null);
            return null;
        });
        List<String> dueAfterGivingUp = inTransaction(em -> new JpaTeamsAttendanceRepository(em)
                .dueCallRecordsForUpdate(far.plusSeconds(1), 500).stream().map(TeamsCallRecord::callRecordId).toList());
        assertThat(dueAfterGivingUp).doesNotContain(id);
        inTransaction(em -> {
            JpaTeamsAttendanceRepository r = new JpaTeamsAttendanceRepository(em);
            r.remove(r.findCallRecordForUpdate(id).orElseThrow());
            return null;
        });
        java.util.Optional<TeamsCallRecord> gone = inTransaction(em -> new JpaTeamsAttendanceRepository(em)
                .findCallRecordForUpdate(id));
        assertThat(gone).isEmpty();
    }
}
