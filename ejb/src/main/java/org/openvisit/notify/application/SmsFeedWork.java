package org.openvisit.notify.application;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.openvisit.notify.domain.model.AppointmentDetails;
import org.openvisit.notify.domain.model.AppointmentEvent;
import org.openvisit.notify.domain.model.AppointmentKeys;
import org.openvisit.notify.domain.model.ControlHash;
import org.openvisit.notify.domain.model.AppointmentOutcome;
import org.openvisit.notify.domain.model.IllegalAppointmentTransitionException;
import org.openvisit.notify.domain.model.SmsAppointment;
import org.openvisit.notify.domain.model.SmsFeedRepository;
import org.openvisit.notify.domain.model.SmsSchedule;
import org.openvisit.notify.domain.model.SmsSend;
import org.openvisit.region.application.RegionDirectory;
import org.openvisit.visit.application.AppointmentHasher;
import org.openvisit.visit.domain.model.AppointmentHashing;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * One SIU message applied in the organization's regional store, in one transaction of its own: the message log (so
 * the same control id is applied once), the appointment, and its send schedule change together or not at all. The
 * appointment id and the control id are kept only as keyed hashes ({@link AppointmentKeys}, {@link ControlHash},
 * with the visit hasher's installation key).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class SmsFeedWork {

    private static final Set<AppointmentEvent> BOOKING = EnumSet.of(AppointmentEvent.BOOKED,
            AppointmentEvent.RESCHEDULED, AppointmentEvent.MODIFIED);
    private static final String CODE_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    @EJB
    private RegionDirectory regions;

    @Inject
    private AppointmentHasher hasher;

    @Inject
    private jakarta.enterprise.event.Event<AppointmentCancelled> cancellations;

    /**
     * @param phoneSealed     the patient's number sealed (null when the message has none)
     * @param clinicianSealed the clinician's name sealed (null when the message has none)
     * @throws FeedRefusal NO_MOBILE (a new appointment without a number), INCOMPLETE (no start), NOT_APPLICABLE
     */
    public FeedAnswer.Result apply(FeedEndpoint endpoint, SiuMessage message, String phoneSealed, String phoneHash,
                                   String clinicianSealed, Instant now) {
        SmsFeedRepository store = regions.ready(endpoint.region()).smsFeed();
        AppointmentHashing hashing = hasher.hashing();
        ControlHash control;
        AppointmentKeys keys;
        try {
            control = ControlHash.of(hashing, endpoint.endpointId(), message.controlId());
            keys = AppointmentKeys.of(hashing, endpoint.endpointId(), message.appointmentId());
        } catch (IllegalArgumentException e) {
            throw new FeedRefusal(FeedRefusal.Reason.INCOMPLETE, "The message's control id and appointment id must "
                    + "each be 1 to 200 characters.");
        }
        if (store.seen(endpoint.endpointId(), control)) {
            return FeedAnswer.Result.DUPLICATE;
        }
        Optional<SmsAppointment> existing = store.findAppointment(endpoint.endpointId(), keys);
        SmsAppointment appointment;
        AppointmentOutcome outcome;
        if (existing.isEmpty()) {
            if (!BOOKING.contains(message.event())) {
                return FeedAnswer.Result.IGNORED;
            }
            if (phoneSealed == null) {
                throw new FeedRefusal(FeedRefusal.Reason.NO_MOBILE, "The message has no mobile number for the "
                        + "patient (PID-13), so no SMS can be sent for this appointment.");
            }
            Instant start = message.start(endpoint.zone()).orElseThrow(() -> new FeedRefusal(
                    FeedRefusal.Reason.INCOMPLETE, "The message has no start for the appointment."));
            appointment = SmsAppointment.book(endpoint.organizationId(), endpoint.endpointId(), keys,
                    new AppointmentDetails(start, message.department(), phoneSealed, phoneHash, clinicianSealed), control,
                    linkCode(),
                    now);
            store.add(appointment);
            outcome = AppointmentOutcome.BOOKED;
        } else {
            appointment = existing.get();
            Instant start = message.start(endpoint.zone()).orElse(appointment.startsAt());
            try {
                outcome = appointment.apply(message.event(), new AppointmentDetails(start, message.department(),
                        phoneSealed, phoneHash, clinicianSealed), control, now);
            } catch (IllegalAppointmentTransitionException e) {
                throw new FeedRefusal(FeedRefusal.Reason.NOT_APPLICABLE, e.getMessage());
            }
        }
        store.recordMessage(endpoint.endpointId(), control, endpoint.organizationId(), appointment.id(), now);
        if (outcome == AppointmentOutcome.CANCELLED) {
            cancellations.fire(new AppointmentCancelled(regions.ready(endpoint.region()), endpoint.endpointId(),
                    java.util.List.of(keys.reference(), keys.identifier())));
        }
        for (SmsSend send : SmsSchedule.plan(appointment, outcome, endpoint.confirmation(),
                endpoint.reminderMinutes(), store.sendsOf(appointment.id()), now)) {
            store.addIfAbsent(send);
        }
        return FeedAnswer.Result.ACCEPTED;
    }

    /** The short join link's code: 10 characters, about 50 bits, no look-alike letters. */
    static String linkCode() {
        StringBuilder code = new StringBuilder(10);
        for (int i = 0; i < 10; i++) {
            code.append(CODE_ALPHABET.charAt(RANDOM.nextInt(CODE_ALPHABET.length())));
        }
        return code.toString();
    }
}
