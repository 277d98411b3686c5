package org.openvisit.notify.application;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openvisit.notify.domain.model.DeliveryGroup;
import org.openvisit.notify.domain.model.DueOrganization;
import org.openvisit.notify.domain.model.LinkSend;
import org.openvisit.notify.domain.model.NumberPace;
import org.openvisit.region.domain.model.RegionalStore;
import org.openvisit.visit.application.VisitEventRecorded;
import org.openvisit.visit.application.VisitEvents;
import org.openvisit.visit.application.VisitNotFoundException;
import org.openvisit.visit.domain.model.AttendeeRole;
import org.openvisit.visit.domain.model.Visit;
import org.openvisit.visit.domain.model.VisitEventType;
import org.openvisit.visit.domain.model.VisitStatus;
import org.openvisit.notify.domain.model.PatientMobile;
import org.openvisit.notify.domain.model.SmsAppointment;
import org.openvisit.notify.domain.model.SmsFeedRepository;
import org.openvisit.notify.domain.model.SmsKeyword;
import org.openvisit.notify.domain.model.SmsSend;
import org.openvisit.notify.domain.model.SmsTemplateKind;
import org.openvisit.region.application.RegionDirectory;
import org.openvisit.tenant.domain.model.DataRegion;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The send job's transactions in one region's store. A batch of due sends is claimed with
 * {@code FOR UPDATE SKIP LOCKED}, each is handed to the carrier and marked sent (or skipped, with the reason) in the
 * same transaction: a node that dies mid-batch leaves its sends PENDING for the next claim, and no two nodes take
 * the same send.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class SmsSendWork {

    private static final Logger LOG = Logger.getLogger(SmsSendWork.class.getName());
    /**
     * A message whose number's slot is at most this far ahead waits for it in the batch (a fast number's next slot is
     * a millisecond away); one further ahead (a long code's next second) is left due at its slot for a later run.
     */
    static final Duration MAX_WAIT_FOR_SLOT = Duration.ofMillis(200);
    private final java.time.Clock clock = java.time.Clock.systemUTC();

    @EJB
    private RegionDirectory regions;

    @Inject
    private SmsCarrier carrier;

    @EJB
    private VisitEvents events;

    @Inject
    private SmsPhones phones;

    @Inject
    private SmsTexts texts;

    @Inject
    private SmsSendPacing pacing;

    @Inject
    @ConfigProperty(name = "openvisit.public-url", defaultValue = "http://localhost:8080")
    private String publicUrl;

    public List<DueOrganization> due(DataRegion region, Instant now, int max) {
        return regions.ready(region).smsFeed().dueOrganizations(now, max);
    }

    /**
     * Sends up to {@code max} due messages. A send whose endpoint has no context in {@code contexts} (it came due
     * after they were read) stays due.
     *
     * @return how many sends were done (sent or skipped)
     */
    public int sendDue(DataRegion region, Map<UUID, SendContext> contexts, Instant now, int max) {
        SmsFeedRepository store = regions.ready(region).smsFeed();
        List<SmsSend> claimed = store.claimDue(now, max);
        Map<UUID, SmsAppointment> found = store.appointments(claimed.stream().map(SmsSend::appointmentId).toList());
        Map<SmsSend, SmsAppointment> appointments = new java.util.LinkedHashMap<>();
        java.util.Set<String> numbers = new java.util.HashSet<>();
        Map<UUID, java.util.Set<String>> hashes = new java.util.HashMap<>();
        int done = 0;
        for (SmsSend send : claimed) {
            SmsAppointment appointment = found.get(send.appointmentId());
            if (appointment == null) {
                send.skip("The appointment is gone.", now);
                done++;
                continue;
            }
            appointments.put(send, appointment);
            SendContext context = contexts.get(appointment.endpointId());
            if (context != null) {
                context.from().ifPresent(numbers::add);
                appointment.phoneHash().ifPresent(h -> hashes.computeIfAbsent(appointment.organizationId(),
                        o -> new java.util.HashSet<>()).add(h));
            }
        }
        Map<UUID, java.util.Set<String>> optedOut = new java.util.HashMap<>();
        hashes.forEach((organization, of) -> optedOut.put(organization, store.optedOut(organization, of)));
        NumberPace pace = new NumberPace(numbers.isEmpty() ? List.of() : store.lockPace(numbers), pacing.rate(),
                pacing.backoffBase(), pacing.backoffMax());
        try {
            for (Map.Entry<SmsSend, SmsAppointment> e : appointments.entrySet()) {
                SmsSend send = e.getKey();
                SmsAppointment a = e.getValue();
                SendContext context = contexts.get(a.endpointId());
                if (context == null) {
                    continue;
                }
                done++;
                Optional<String> blocked = context.blocked();
                if (blocked.isPresent()) {
                    send.skip(blocked.get(), now);
                } else if (a.phoneSealed().isEmpty()) {
                    send.skip("The patient's number is no longer kept.", now);
                } else if (a.phoneHash().map(h -> optedOut.getOrDefault(a.organizationId(), java.util.Set.of())
                        .contains(h)).orElse(false)) {
                    send.skip("The patient opted out (STOP).", now);
                } else if (send.holdForQuietHours(context.quiet(), context.zone(), a.startsAt(), now)) {
                    LOG.fine(() -> "SMS " + send.kind() + " for appointment " + a.id() + " held for the quiet hours");
                } else if (!send(region, store, send, a, context, pace, now)) {
                    // an outside carrier may have sent the messages before this one: keep them (commit), leave this
                    // one and the rest of the batch pending; the number's messages wait for the back-off
                    return done - 1;
                }
            }
            return done;
        } finally {
            if (!numbers.isEmpty()) {
                store.savePace(pace.rows());
            }
        }
    }

    /**
     * One message, once nothing keeps it back: it takes its number's next free slot and goes to the carrier, or
     * waits for a slot still ahead.
     *
     * @return false when the carrier had a transient fault (the send stays pending)
     */
    private boolean send(DataRegion region, SmsFeedRepository store, SmsSend send, SmsAppointment a,
                         SendContext context, NumberPace pace, Instant now) {
        String from = context.from().orElseThrow();
        // the number's slots are in real time (a batch's "now" is the time it was claimed)
        Instant current = clock.instant();
        Instant slot = pace.slotFor(send, from, current.isBefore(now) ? now : current);
        Duration ahead = Duration.between(current, slot);
        if (ahead.compareTo(MAX_WAIT_FOR_SLOT) > 0) {
            send.deferTo(slot);
            return true;
        }
        if (!ahead.isNegative() && !ahead.isZero()) {
            sleep(ahead);
        }
        PatientMobile to = phones.unseal(a.organizationId(), a.phoneSealed().get());
        SmsTemplateKind kind = SmsTemplateKind.valueOf(send.kind().name());
        String template = context.template(kind);
        String clinician = phones.clinicianFor(template, a.organizationId(), a.clinicianSealed());
        String body = texts.body(kind, context.language(), template, context.organizationName(),
                a.startsAt(), context.zone(), link(a.linkCode()), clinician);
        try {
            carrier.send(new OutgoingSms(region, a.organizationId(), send.id(), from, to.e164(), body));
        } catch (SmsCarrierRefusedException refused) {
            send.skip(refused.getMessage(), now);
            pace.succeeded(from);
            return true;
        } catch (RuntimeException transientFault) {
            send.giveUpSlot();
            Instant again = pace.failed(from, now, null);
            LOG.warning(() -> "SMS: the carrier did not take a message (" + transientFault.getMessage()
                    + "); the sending number's messages are tried again from " + again + ".");
            return false;
        }
        pace.succeeded(from);
        send.sent(now);
        LOG.fine(() -> "SMS " + send.kind() + " for appointment " + a.id() + " sent to " + to.masked());
        return true;
    }

    /** Records STOP or START for the number (by its hash) and sends the reply, in one transaction. */
    public void inbound(DataRegion region, UUID organizationId, String phoneHash, SmsKeyword keyword,
                        OutgoingSms reply, Instant now) {
        SmsFeedRepository store = regions.ready(region).smsFeed();
        if (keyword == SmsKeyword.STOP || keyword == SmsKeyword.START) {
            store.optOut(organizationId, phoneHash, keyword == SmsKeyword.STOP, now);
        }
        try {
            carrier.send(reply);
        } catch (RuntimeException e) {
            // an outside carrier may refuse to answer a number that just opted out (Twilio answers STOP itself):
            // the opt-out counts all the same
            LOG.warning(() -> "SMS: the reply to " + keyword + " was not sent (" + e.getMessage() + ")");
        }
    }

    /** Records a delivery status the carrier reported. @return whether this region has the message */
    public boolean recordDelivery(DataRegion region, String carrierMessageId, String status, Instant at) {
        return regions.ready(region).smsFeed().recordDelivery(carrierMessageId, status, at);
    }

    /** The organization's outbox, newest first. */
    public List<OutboxView> outbox(DataRegion region, UUID organizationId, DeliveryGroup group, int max) {
        return regions.ready(region).smsFeed().outbox(organizationId, group, max).stream()
                .map(e -> new OutboxView(e.id(), e.sendId(), e.from(), e.toMasked(), e.body(), e.sentAt(),
                        e.carrierMessageId(), e.deliveryStatus(), e.statusAt())).toList();
    }

    /**
     * Forgets the numbers of appointments that started before {@code startedBefore}, or ended with nothing left to
     * send, and the numbers typed on visit pages whose appointment started before then or whose visit ended.
     */
    public int forgetPhones(DataRegion region, Instant startedBefore, int max) {
        SmsFeedRepository store = regions.ready(region).smsFeed();
        return store.forgetPhones(startedBefore, max) + store.forgetLinkPhones(startedBefore, max);
    }

    /** A clinician's send of the visit's link, with what the global store said (read before this transaction). */
    public record LinkRequest(DataRegion region, UUID visitId, SendContext context, PatientMobile to, String sealed,
                              String phoneHash, Instant appointmentStart, AttendeeRole role, LinkLimits limits,
                              String clinician) {
    }

    /** What the EHR's feed sent for a visit's appointment: the patient's number and the clinician's name, sealed. */
    public record FeedContact(Optional<String> phoneSealed, Optional<String> clinicianSealed) {
    }

    /** At most {@code perVisit} links by SMS per visit, and {@code perMinute} in any minute. */
    public record LinkLimits(int perVisit, int perMinute) {
    }

    /**
     * Why a link may not be sent now: the number opted out, the visit's limit is used up, or the last minute's.
     *
     * @param sent           the visit's links sent so far
     * @param sentLastMinute those sent in the last minute
     */
    static Optional<LinkSendResult> refusal(boolean optedOut, int sent, int sentLastMinute, LinkLimits limits) {
        if (optedOut) {
            return Optional.of(LinkSendResult.refused(LinkSendResult.Outcome.OPTED_OUT));
        }
        if (sent >= limits.perVisit()) {
            return Optional.of(new LinkSendResult(LinkSendResult.Outcome.TOO_MANY, null, null, limits.perVisit(),
                    null, null));
        }
        if (sentLastMinute >= limits.perMinute()) {
            return Optional.of(LinkSendResult.refused(LinkSendResult.Outcome.TOO_FAST));
        }
        return Optional.empty();
    }

    /** A link send written down and counted, not yet handed to the carrier. */
    public record LinkReservation(UUID id, String body) {
    }

    /**
     * The patient's mobile number and the clinician's name that the EHR's feed sent for the visit's appointment, sealed;
     * empty when the feed sent nothing for it (each part empty when it sent none or it is forgotten already: the
     * appointment is over).
     */
    public Optional<FeedContact> feedContact(DataRegion region, UUID visitId) {
        RegionalStore store = regions.ready(region);
        return store.visits().find(visitId)
                .flatMap(visit -> store.smsFeed().appointmentOfVisit(visit.endpointId(), visit.appointmentHash().value()))
                .map(a -> new FeedContact(a.phoneSealed(), a.clinicianSealed()));
    }

    /**
     * The first of a link send's three steps: with the visit's row locked, the visit's limits are checked and the send
     * is written down (so it counts at once, on every node). The carrier is called after this transaction, so a slow
     * carrier never holds the visit's row (the room's events wait on it).
     *
     * @return the reservation, or the refusal (ended visit, STOP, a limit used up)
     */
    public Either reserveLink(LinkRequest r, Instant now) {
        RegionalStore store = regions.ready(r.region());
        Visit visit = store.visits().findForUpdate(r.visitId()).orElseThrow(VisitNotFoundException::new);
        if (visit.status() == VisitStatus.ENDED) {
            return new Either(null, LinkSendResult.refused(LinkSendResult.Outcome.VISIT_ENDED));
        }
        SmsFeedRepository sms = store.smsFeed();
        UUID organizationId = r.context().organizationId();
        boolean optedOut = sms.optedOut(organizationId, r.phoneHash());
        Optional<LinkSendResult> refused = refusal(optedOut, optedOut ? 0 : sms.linkSendsOf(r.visitId(), Instant.EPOCH),
                optedOut ? 0 : sms.linkSendsOf(r.visitId(), now.minus(Duration.ofMinutes(1))), r.limits());
        if (refused.isPresent()) {
            return new Either(null, refused.get());
        }
        UUID id = UUID.randomUUID();
        String code = SmsFeedWork.linkCode();
        sms.addLinkSend(new LinkSend(id, organizationId, r.context().endpointId(), r.visitId(), r.sealed(), code,
                r.appointmentStart() == null ? now : r.appointmentStart(), now));
        return new Either(new LinkReservation(id, texts.link(r.context().language(),
                r.context().template(SmsTemplateKind.LINK), r.context().organizationName(), link(code),
                r.clinician())), null);
    }

    /** A reservation or a refusal. */
    public record Either(LinkReservation reservation, LinkSendResult refusal) {
    }

    /**
     * The second step: the carrier takes the message (its outbox row is written in this transaction, which locks no
     * visit).
     *
     * @throws SmsCarrierUnavailableException the carrier did not take it
     */
    public void sendReserved(LinkRequest r, LinkReservation reservation) {
        try {
            carrier.send(new OutgoingSms(r.region(), r.context().organizationId(), reservation.id(),
                    r.context().from().orElseThrow(), r.to().e164(), reservation.body()));
        } catch (SmsCarrierUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SmsCarrierUnavailableException("The carrier did not take the message: "
                    + e.getClass().getSimpleName(), e);
        }
    }

    /** The third step once the carrier took it: the visit's {@code SMS_SENT} event (without the number). */
    public LinkSendResult confirmLink(LinkRequest r) {
        VisitEventRecorded event = events.record(r.visitId(), VisitEventType.SMS_SENT, r.role(), null, null);
        LOG.info(() -> "SMS: the patient link of visit " + r.visitId() + " sent to " + r.to().masked());
        return new LinkSendResult(LinkSendResult.Outcome.SENT, null, null, 0, event, r.to().masked());
    }

    /** The third step when the carrier did not take it: the reservation is forgotten (it counts toward no limit). */
    public void cancelLink(LinkRequest r, LinkReservation reservation) {
        regions.ready(r.region()).smsFeed().removeLinkSend(reservation.id());
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String link(String code) {
        String base = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        return base + "/j/" + code;
    }
}
