package org.openvisit.notify.domain.model;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The SMS appointment feed's tables in one region's store: appointments (by the keyed hashes of their ids), the
 * messages applied (by the keyed hash of their control id), the
 * send schedule, the built-in carrier's outbox and the opt-out list. Obtained per region, never injected.
 */
public interface SmsFeedRepository {

    /** The endpoint's appointment with these keys (by {@link AppointmentKeys#reference()}). */
    Optional<SmsAppointment> findAppointment(UUID endpointId, AppointmentKeys keys);

    Optional<SmsAppointment> appointment(UUID id);

    /** The appointments of these ids that exist (one query: the send job's batch). */
    java.util.Map<UUID, SmsAppointment> appointments(java.util.Collection<UUID> ids);

    /**
     * Whether the feed said the endpoint's appointment was cancelled, found by a visit's hash of it (the
     * {@link AppointmentKeys#reference()} or {@link AppointmentKeys#identifier()}: whichever form a launch named it by).
     */
    boolean cancelled(UUID endpointId, String visitAppointmentHash);

    /**
     * The endpoint's appointment from the feed that a visit names, found by the visit's hash of it (the reference or
     * the identifier form, as {@link #cancelled}).
     */
    Optional<SmsAppointment> appointmentOfVisit(UUID endpointId, String visitAppointmentHash);

    Optional<SmsAppointment> appointmentByLink(String code);

    void add(SmsAppointment appointment);

    /** Whether this endpoint's message with this control id (its keyed hash) was applied already. */
    boolean seen(UUID endpointId, ControlHash control);

    /** Records a message as applied; a second record of the same (endpoint, control hash) fails. */
    void recordMessage(UUID endpointId, ControlHash control, UUID organizationId, UUID appointmentId, Instant at);

    List<SmsSend> sendsOf(UUID appointmentId);

    /** Adds the send unless the appointment has one of this kind and slot already. @return whether it was added */
    boolean addIfAbsent(SmsSend send);

    /** Organizations and endpoints with pending sends due at {@code now} (no locks). */
    List<DueOrganization> dueOrganizations(Instant now, int max);

    /**
     * Up to {@code max} pending sends due at {@code now}, locked for this transaction; rows another transaction
     * holds are passed over ({@code FOR UPDATE SKIP LOCKED}), so two nodes never take the same send.
     */
    List<SmsSend> claimDue(Instant now, int max);

    /**
     * The sending numbers' pace rows ({@code sms_number_pace}), locked for this transaction one after the other in
     * the numbers' order (so two nodes cannot deadlock on them); a number without a row has none in the answer.
     */
    List<NumberPace.Row> lockPace(java.util.Collection<String> numbers);

    /** Writes the pace rows (a number's first row is inserted; two nodes inserting it at once: one fails). */
    void savePace(java.util.Collection<NumberPace.Row> rows);

    void addOutbox(OutboxEntry entry);

    /** The organization's outbox, newest first. */
    default List<OutboxEntry> outbox(UUID organizationId, int max) {
        return outbox(organizationId, null, max);
    }

    /** The organization's outbox messages of one delivery group (null: all), newest first. */
    List<OutboxEntry> outbox(UUID organizationId, DeliveryGroup group, int max);

    /** Records a number's STOP ({@code out}) or START, by its keyed hash. */
    void optOut(UUID organizationId, String phoneHash, boolean out, Instant at);

    boolean optedOut(UUID organizationId, String phoneHash);

    /** Which of these numbers (keyed hashes) opted out of the organization's messages (few queries for a batch). */
    java.util.Set<String> optedOut(UUID organizationId, java.util.Collection<String> phoneHashes);

    /**
     * Forgets the patients' numbers of appointments that started before {@code startedBefore}, and of those that
     * are cancelled, deleted or no-shows with nothing left to send. @return how many
     */
    int forgetPhones(Instant startedBefore, int max);

    /** Records a link a clinician sent by SMS (its link code is unique). */
    void addLinkSend(LinkSend send);

    /** Forgets a link send the carrier did not take (it then counts toward no limit). */
    void removeLinkSend(UUID id);

    /** How many links were sent by SMS for the visit at or after {@code since}. */
    int linkSendsOf(UUID visitId, Instant since);

    /** The visit a short link sent from the visit page names. */
    Optional<UUID> visitOfLink(String code);

    /**
     * Forgets the numbers typed on visit pages once the appointment started before {@code startedBefore}, or the
     * visit ended. @return how many
     */
    int forgetLinkPhones(Instant startedBefore, int max);

    /**
     * Records a delivery status the carrier reported for its message. @return whether an outbox row has that
     * carrier message id
     */
    boolean recordDelivery(String carrierMessageId, String status, Instant at);
}
