package org.openvisit.notify.infrastructure.persistence;

import jakarta.persistence.EntityManager;
import org.openvisit.notify.domain.model.AppointmentKeys;
import org.openvisit.notify.domain.model.AppointmentStatus;
import org.openvisit.notify.domain.model.ControlHash;
import org.openvisit.notify.domain.model.DeliveryGroup;
import org.openvisit.notify.domain.model.DueOrganization;
import org.openvisit.notify.domain.model.LinkSend;
import org.openvisit.notify.domain.model.NumberPace;
import org.openvisit.notify.domain.model.OutboxEntry;
import org.openvisit.notify.domain.model.SendStatus;
import org.openvisit.notify.domain.model.SmsAppointment;
import org.openvisit.notify.domain.model.SmsFeedRepository;
import org.openvisit.notify.domain.model.SmsSend;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Obtained per region from {@link org.openvisit.region.infrastructure.persistence.JpaRegionalStores}, never injected.
 * Appointments and sends are entities; the message log, outbox and opt-out list are plain rows.
 */
public class JpaSmsFeedRepository implements SmsFeedRepository {

    /** Due sends, soonest first, without waiting for rows another node holds (as the write-back queue claims). */
    private static final String CLAIM_DUE = """
            SELECT s.id FROM sms_send s
             WHERE s.status = 'PENDING' AND s.due_at <= ?1
             ORDER BY s.due_at
             FETCH FIRST %d ROWS ONLY
             FOR UPDATE SKIP LOCKED""";

    private static final java.util.Set<String> FINAL_STATUSES = java.util.Set.of("delivered", "undelivered", "failed");

    private final EntityManager entityManager;

    public JpaSmsFeedRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** For tests in this package. */
    EntityManager entityManager() {
        return entityManager;
    }

    @Override
    public Optional<SmsAppointment> findAppointment(UUID endpointId, AppointmentKeys keys) {
        return entityManager.createNamedQuery(SmsAppointment.BY_KEY, SmsAppointment.class)
                .setParameter("endpoint", endpointId.toString()).setParameter("hash", keys.reference().value())
                .getResultStream().findFirst();
    }

    @Override
    public boolean cancelled(UUID endpointId, String visitAppointmentHash) {
        for (String key : new String[]{"appointmentHash", "identifierHash"}) {
            Long n = entityManager.createQuery("select count(a) from SmsAppointment a where a.endpointId = :endpoint"
                            + " and a." + key + " = :hash and a.status = :cancelled", Long.class)
                    .setParameter("endpoint", endpointId.toString()).setParameter("hash", visitAppointmentHash)
                    .setParameter("cancelled", AppointmentStatus.CANCELLED).getSingleResult();
            if (n > 0) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Optional<SmsAppointment> appointmentOfVisit(UUID endpointId, String visitAppointmentHash) {
        for (String key : new String[]{"appointmentHash", "identifierHash"}) {
            Optional<SmsAppointment> found = entityManager.createQuery("select a from SmsAppointment a where "
                            + "a.endpointId = :endpoint and a." + key + " = :hash", SmsAppointment.class)
                    .setParameter("endpoint", endpointId.toString()).setParameter("hash", visitAppointmentHash)
                    .getResultStream().findFirst();
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<SmsAppointment> appointment(UUID id) {
        return Optional.ofNullable(entityManager.find(SmsAppointment.class, id.toString()));
    }

    @Override
    public Optional<SmsAppointment> appointmentByLink(String code) {
        return entityManager.createNamedQuery(SmsAppointment.BY_LINK, SmsAppointment.class)
                .setParameter("code", code).getResultStream().findFirst();
    }

    @Override
    public void add(SmsAppointment appointment) {
        entityManager.persist(appointment);
        entityManager.flush();
    }

    @Override
    public boolean seen(UUID endpointId, ControlHash control) {
        return ((Number) entityManager.createNativeQuery(
                        "SELECT COUNT(*) FROM sms_feed_message WHERE endpoint_id = ?1 AND control_hash = ?2")
                .setParameter(1, endpointId.toString()).setParameter(2, control.value()).getSingleResult())
                .longValue() > 0;
    }

    @Override
    public void recordMessage(UUID endpointId, ControlHash control, UUID organizationId, UUID appointmentId,
                              Instant at) {
        entityManager.createNativeQuery("""
                        INSERT INTO sms_feed_message (endpoint_id, control_hash, organization_id, appointment_id,
                                                      received_at)
                        VALUES (?1, ?2, ?3, ?4, ?5)""")
                .setParameter(1, endpointId.toString()).setParameter(2, control.value())
                .setParameter(3, organizationId.toString()).setParameter(4, appointmentId.toString())
                .setParameter(5, utc(at)).executeUpdate();
    }

    @Override
    public List<SmsSend> sendsOf(UUID appointmentId) {
        return entityManager.createNamedQuery(SmsSend.OF_APPOINTMENT, SmsSend.class)
                .setParameter("appointment", appointmentId.toString()).getResultList();
    }

    @Override
    public boolean addIfAbsent(SmsSend send) {
        long there = ((Number) entityManager.createNativeQuery(
                        "SELECT COUNT(*) FROM sms_send WHERE appointment_id = ?1 AND kind = ?2 AND slot = ?3")
                .setParameter(1, send.appointmentId().toString()).setParameter(2, send.kind().name())
                .setParameter(3, send.slot()).getSingleResult()).longValue();
        if (there > 0) {
            return false;
        }
        // a concurrent insert of the same (appointment, kind, slot) fails on the unique constraint and rolls back
        entityManager.persist(send);
        entityManager.flush();
        return true;
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<DueOrganization> dueOrganizations(Instant now, int max) {
        List<Object[]> rows = entityManager.createNativeQuery("""
                        SELECT DISTINCT s.organization_id, a.endpoint_id FROM sms_send s
                          JOIN sms_appointment a ON a.id = s.appointment_id
                         WHERE s.status = 'PENDING' AND s.due_at <= ?1
                         FETCH FIRST %d ROWS ONLY""".formatted(Math.max(1, max)))
                .setParameter(1, utc(now)).getResultList();
        return rows.stream().map(r -> new DueOrganization(UUID.fromString(r[0].toString()),
                UUID.fromString(r[1].toString()))).toList();
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<SmsSend> claimDue(Instant now, int max) {
        if (max < 1) {
            return List.of();
        }
        List<Object> ids = entityManager.createNativeQuery(CLAIM_DUE.formatted(max))
                .setParameter(1, utc(now)).getResultList();
        if (ids.isEmpty()) {
            return List.of();
        }
        // the locked rows, read in one query (no shared cache: what is read is the row as locked)
        List<String> keys = ids.stream().map(Object::toString).toList();
        java.util.Map<String, SmsSend> byId = new java.util.HashMap<>();
        for (SmsSend send : entityManager.createQuery("select s from SmsSend s where s.id in :ids", SmsSend.class)
                .setParameter("ids", keys).getResultList()) {
            byId.put(send.id().toString(), send);
        }
        List<SmsSend> claimed = new ArrayList<>();
        for (String id : keys) {
            SmsSend send = byId.get(id);
            if (send != null && send.status() == SendStatus.PENDING) {
                claimed.add(send);
            }
        }
        return claimed;
    }

    @Override
    public java.util.Map<UUID, SmsAppointment> appointments(java.util.Collection<UUID> ids) {
        java.util.Map<UUID, SmsAppointment> found = new java.util.HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        for (SmsAppointment a : entityManager.createQuery("select a from SmsAppointment a where a.id in :ids",
                SmsAppointment.class).setParameter("ids", ids.stream().map(UUID::toString).distinct().toList())
                .getResultList()) {
            found.put(a.id(), a);
        }
        return found;
    }

    @Override
    @SuppressWarnings("unchecked")
    public java.util.Set<String> optedOut(UUID organizationId, java.util.Collection<String> phoneHashes) {
        if (phoneHashes.isEmpty()) {
            return java.util.Set.of();
        }
        java.util.Set<String> out = new java.util.HashSet<>();
        List<String> all = phoneHashes.stream().distinct().toList();
        for (int i = 0; i < all.size(); i += 500) {
            List<String> part = all.subList(i, Math.min(all.size(), i + 500));
            String marks = java.util.stream.IntStream.range(0, part.size()).mapToObj(k -> "?" + (k + 2))
                    .collect(java.util.stream.Collectors.joining(", "));
            jakarta.persistence.Query q = entityManager.createNativeQuery("SELECT phone_hash FROM sms_opt_out "
                    + "WHERE organization_id = ?1 AND opted_out = TRUE AND phone_hash IN (" + marks + ")");
            q.setParameter(1, organizationId.toString());
            for (int k = 0; k < part.size(); k++) {
                q.setParameter(k + 2, part.get(k));
            }
            for (Object h : q.getResultList()) {
                out.add(h.toString());
            }
        }
        return out;
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<NumberPace.Row> lockPace(java.util.Collection<String> numbers) {
        List<NumberPace.Row> locked = new ArrayList<>();
        for (String number : new java.util.TreeSet<>(numbers)) {
            List<Object[]> rows = entityManager.createNativeQuery(
                            "SELECT next_free_at, failures FROM sms_number_pace WHERE from_number = ?1 FOR UPDATE")
                    .setParameter(1, number).getResultList();
            for (Object[] r : rows) {
                locked.add(new NumberPace.Row(number, instant(r[0]), ((Number) r[1]).intValue()));
            }
        }
        return locked;
    }

    @Override
    public void savePace(java.util.Collection<NumberPace.Row> rows) {
        for (NumberPace.Row row : rows) {
            int updated = entityManager.createNativeQuery(
                            "UPDATE sms_number_pace SET next_free_at = ?2, failures = ?3 WHERE from_number = ?1")
                    .setParameter(1, row.number()).setParameter(2, utc(row.nextFreeAt()))
                    .setParameter(3, row.failures()).executeUpdate();
            if (updated == 0) {
                entityManager.createNativeQuery(
                                "INSERT INTO sms_number_pace (from_number, next_free_at, failures) VALUES (?1, ?2, ?3)")
                        .setParameter(1, row.number()).setParameter(2, utc(row.nextFreeAt()))
                        .setParameter(3, row.failures()).executeUpdate();
            }
        }
    }

    @Override
    public void addOutbox(OutboxEntry e) {
        entityManager.createNativeQuery("""
                        INSERT INTO sms_outbox (id, organization_id, send_id, from_number, to_masked, body, sent_at,
                                                carrier_message_id, delivery_status, status_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, CAST(?10 AS TIMESTAMP WITH TIME ZONE))""")
                .setParameter(1, e.id().toString()).setParameter(2, e.organizationId().toString())
                .setParameter(3, e.sendId() == null ? null : e.sendId().toString()).setParameter(4, e.from())
                .setParameter(5, e.toMasked()).setParameter(6, e.body()).setParameter(7, utc(e.sentAt()))
                .setParameter(8, e.carrierMessageId()).setParameter(9, e.deliveryStatus())
                .setParameter(10, e.statusAt() == null ? null : utc(e.statusAt()))
                .executeUpdate();
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<OutboxEntry> outbox(UUID organizationId, DeliveryGroup group, int max) {
        List<Object[]> rows = entityManager.createNativeQuery("""
                        SELECT id, organization_id, send_id, from_number, to_masked, body, sent_at, carrier_message_id,
                               delivery_status, status_at FROM sms_outbox
                         WHERE organization_id = ?1%s ORDER BY sent_at DESC, id
                         FETCH FIRST %d ROWS ONLY""".formatted(group == null ? "" : " AND " + group.sql(),
                        Math.max(1, max)))
                .setParameter(1, organizationId.toString()).getResultList();
        return rows.stream().map(r -> new OutboxEntry(UUID.fromString(r[0].toString()),
                UUID.fromString(r[1].toString()), r[2] == null ? null : UUID.fromString(r[2].toString()),
                r[3].toString(), r[4].toString(), r[5].toString(), instant(r[6]), r[7] == null ? null : r[7].toString(),
                r[8] == null ? null : r[8].toString(), r[9] == null ? null : instant(r[9]))).toList();
    }

    @Override
    public void optOut(UUID organizationId, String phoneHash, boolean out, Instant at) {
        int updated = entityManager.createNativeQuery("""
                        UPDATE sms_opt_out SET opted_out = ?3, changed_at = ?4
                         WHERE organization_id = ?1 AND phone_hash = ?2""")
                .setParameter(1, organizationId.toString()).setParameter(2, phoneHash).setParameter(3, out)
                .setParameter(4, utc(at)).executeUpdate();
        if (updated == 0) {
            entityManager.createNativeQuery("""
                            INSERT INTO sms_opt_out (organization_id, phone_hash, opted_out, changed_at)
                            VALUES (?1, ?2, ?3, ?4)""")
                    .setParameter(1, organizationId.toString()).setParameter(2, phoneHash).setParameter(3, out)
                    .setParameter(4, utc(at)).executeUpdate();
        }
    }

    @Override
    public boolean optedOut(UUID organizationId, String phoneHash) {
        return ((Number) entityManager.createNativeQuery("""
                        SELECT COUNT(*) FROM sms_opt_out
                         WHERE organization_id = ?1 AND phone_hash = ?2 AND opted_out = TRUE""")
                .setParameter(1, organizationId.toString()).setParameter(2, phoneHash).getSingleResult())
                .longValue() > 0;
    }

    @Override
    public int forgetPhones(Instant startedBefore, int max) {
        return entityManager.createNativeQuery("""
                        UPDATE sms_appointment SET phone_sealed = NULL, clinician_sealed = NULL,
                                                   version = version + 1
                         WHERE id IN (SELECT a.id FROM sms_appointment a
                                       WHERE (a.phone_sealed IS NOT NULL OR a.clinician_sealed IS NOT NULL)
                                         AND (a.starts_at < ?1
                                              OR (a.status NOT IN ('BOOKED', 'MOVED')
                                                  AND NOT EXISTS (SELECT 1 FROM sms_send s
                                                                   WHERE s.appointment_id = a.id
                                                                     AND s.status = 'PENDING')))
                                       FETCH FIRST %d ROWS ONLY)""".formatted(Math.max(1, max)))
                .setParameter(1, utc(startedBefore)).executeUpdate();
    }

    @Override
    public void addLinkSend(LinkSend l) {
        entityManager.createNativeQuery("""
                        INSERT INTO sms_link_send (id, organization_id, endpoint_id, visit_id, phone_sealed, link_code,
                                                   keep_from, sent_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)""")
                .setParameter(1, l.id().toString()).setParameter(2, l.organizationId().toString())
                .setParameter(3, l.endpointId().toString()).setParameter(4, l.visitId().toString())
                .setParameter(5, l.phoneSealed()).setParameter(6, l.linkCode()).setParameter(7, utc(l.keepFrom()))
                .setParameter(8, utc(l.sentAt())).executeUpdate();
    }

    @Override
    public void removeLinkSend(UUID id) {
        entityManager.createNativeQuery("DELETE FROM sms_link_send WHERE id = ?1").setParameter(1, id.toString())
                .executeUpdate();
    }

    @Override
    public int linkSendsOf(UUID visitId, Instant since) {
        return ((Number) entityManager.createNativeQuery(
                        "SELECT COUNT(*) FROM sms_link_send WHERE visit_id = ?1 AND sent_at >= ?2")
                .setParameter(1, visitId.toString()).setParameter(2, utc(since)).getSingleResult()).intValue();
    }

    @Override
    @SuppressWarnings("unchecked")
    public Optional<UUID> visitOfLink(String code) {
        List<Object> rows = entityManager.createNativeQuery("SELECT visit_id FROM sms_link_send WHERE link_code = ?1")
                .setParameter(1, code).getResultList();
        return rows.stream().findFirst().map(v -> UUID.fromString(v.toString()));
    }

    @Override
    public int forgetLinkPhones(Instant startedBefore, int max) {
        return entityManager.createNativeQuery("""
                        UPDATE sms_link_send SET phone_sealed = NULL
                         WHERE id IN (SELECT l.id FROM sms_link_send l JOIN visit v ON v.id = l.visit_id
                                       WHERE l.phone_sealed IS NOT NULL
                                         AND (l.keep_from < ?1 OR v.status = 'ENDED')
                                       FETCH FIRST %d ROWS ONLY)""".formatted(Math.max(1, max)))
                .setParameter(1, utc(startedBefore)).executeUpdate();
    }

    @Override
    public boolean recordDelivery(String carrierMessageId, String status, Instant at) {
        // callbacks may come out of order: a final status (delivered, undelivered, failed) is never overwritten by
        // an earlier one (queued, sending, sent)
        boolean last = FINAL_STATUSES.contains(status);
        return entityManager.createNativeQuery("""
                        UPDATE sms_outbox SET delivery_status = ?2, status_at = ?3
                         WHERE carrier_message_id = ?1""" + (last ? "" : """

                           AND (delivery_status IS NULL
                                OR delivery_status NOT IN ('delivered', 'undelivered', 'failed'))"""))
                .setParameter(1, carrierMessageId).setParameter(2, status).setParameter(3, utc(at))
                .executeUpdate() > 0;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(Object value) {
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof Timestamp ts) {
            return ts.toInstant();
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof LocalDateTime ldt) {
            return ldt.toInstant(ZoneOffset.UTC);
        }
        throw new IllegalStateException("A time the store gave as " + value.getClass().getName());
    }
}
