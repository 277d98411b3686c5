package org.openvisit.visit.infrastructure.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.openvisit.region.domain.model.RegionGuard;
import org.openvisit.tenant.domain.model.DataRegion;
import org.openvisit.visit.domain.model.TeamsAttendanceMark;
import org.openvisit.visit.domain.model.TeamsAttendanceRepository;
import org.openvisit.visit.domain.model.TeamsAttendanceWatch;
import org.openvisit.visit.domain.model.TeamsCallRecord;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Obtained per region from {@link org.openvisit.region.infrastructure.persistence.JpaRegionalStores}, never injected. */
public class JpaTeamsAttendanceRepository implements TeamsAttendanceRepository {

    /** Due watches, soonest first, through the index on next_poll_at; rows another node holds are skipped. */
    private static final String DUE = """
            SELECT w.visit_id FROM teams_attendance_watch w
             WHERE w.next_poll_at <= ?1
             ORDER BY w.next_poll_at
             FETCH FIRST %d ROWS ONLY
             FOR UPDATE SKIP LOCKED""";

    private static final String DUE_CALL_RECORDS = """
            SELECT c.call_record_id FROM teams_call_record c
             WHERE c.next_try_at <= ?1
             ORDER BY c.next_try_at
             FETCH FIRST %d ROWS ONLY
             FOR UPDATE SKIP LOCKED""";

    private final EntityManager entityManager;
    private final RegionGuard guard;

    /** On the regional store of {@code region}: a row of another region is refused before it is written. */
    public JpaTeamsAttendanceRepository(EntityManager entityManager, DataRegion region) {
        this.entityManager = entityManager;
        this.guard = RegionGuard.of(region);
    }

    /** Outside the container (tests, tools) with an EntityManager the caller manages, on a store of no set region. */
    public JpaTeamsAttendanceRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
        this.guard = RegionGuard.NONE;
    }

    @Override
    public void add(TeamsAttendanceWatch watch) {
        guard.require(watch.visitId(), "Teams attendance watch");
        entityManager.persist(watch);
        entityManager.flush();
    }

    @Override
    public Optional<TeamsAttendanceWatch> find(UUID visitId) {
        return Optional.ofNullable(entityManager.find(TeamsAttendanceWatch.class, visitId.toString()));
    }

    @Override
    public Optional<TeamsAttendanceWatch> findForUpdate(UUID visitId) {
        return Optional.ofNullable(entityManager.find(TeamsAttendanceWatch.class, visitId.toString(),
                LockModeType.PESSIMISTIC_WRITE));
    }

    @Override
    public List<TeamsAttendanceWatch> dueForUpdate(Instant now, int max) {
        if (max < 1) {
            return List.of();
        }
        List<TeamsAttendanceWatch> due = new ArrayList<>();
        for (Object row : entityManager.createNativeQuery(DUE.formatted(max))
                .setParameter(1, now.atOffset(ZoneOffset.UTC)).getResultList()) {
            String id = row instanceof Object[] a ? a[0].toString() : row.toString();
            TeamsAttendanceWatch watch = entityManager.find(TeamsAttendanceWatch.class, id);
            // regions kept in one database share this table: another region's watch is left to that region's poller
            if (watch != null && guard.admits(watch.visitId())) {
                due.add(watch);
            }
        }
        due.sort(Comparator.comparing(w -> w.nextPollAt().orElse(Instant.MAX)));
        return due;
    }

    @Override
    public Set<String> marked(UUID visitId, Collection<String> keys) {
        if (keys.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(entityManager.createQuery("select m.key from TeamsAttendanceMark m "
                        + "where m.visitId = :visit and m.key in :keys", String.class)
                .setParameter("visit", visitId.toString()).setParameter("keys", List.copyOf(keys)).getResultList());
    }

    @Override
    public void mark(TeamsAttendanceMark mark) {
        guard.require(mark.visitId(), "Teams attendance mark");
        entityManager.persist(mark);
        entityManager.flush();
    }

    @Override
    public Optional<TeamsAttendanceWatch> findByJoinUrlHash(String joinUrlHash) {
        return entityManager.createQuery("select w from TeamsAttendanceWatch w where w.joinUrlHash = :hash",
                        TeamsAttendanceWatch.class).setParameter("hash", joinUrlHash).setMaxResults(1)
                .getResultStream().filter(w -> guard.admits(w.visitId())).findFirst();
    }

    @Override
    public boolean queue(TeamsCallRecord callRecord) {
        if (entityManager.find(TeamsCallRecord.class, callRecord.callRecordId()) != null) {
            return false;
        }
        entityManager.persist(callRecord);
        entityManager.flush(); // two nodes queueing the same record at once: the second fails here
        return true;
    }

    @Override
    public List<TeamsCallRecord> dueCallRecordsForUpdate(Instant now, int max) {
        if (max < 1) {
            return List.of();
        }
        List<TeamsCallRecord> due = new ArrayList<>();
        for (Object row : entityManager.createNativeQuery(DUE_CALL_RECORDS.formatted(max))
                .setParameter(1, now.atOffset(ZoneOffset.UTC)).getResultList()) {
            String id = row instanceof Object[] a ? a[0].toString() : row.toString();
            TeamsCallRecord record = entityManager.find(TeamsCallRecord.class, id);
            if (record != null) {
                due.add(record);
            }
        }
        return due;
    }

    @Override
    public Optional<TeamsCallRecord> findCallRecordForUpdate(String callRecordId) {
        return Optional.ofNullable(entityManager.find(TeamsCallRecord.class, callRecordId,
                LockModeType.PESSIMISTIC_WRITE));
    }

    @Override
    public void remove(TeamsCallRecord callRecord) {
        entityManager.remove(callRecord);
    }
}
