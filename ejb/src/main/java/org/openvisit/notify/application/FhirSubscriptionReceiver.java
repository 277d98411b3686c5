package org.openvisit.notify.application;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.hl7.fhir.r4.model.Appointment;
import org.openvisit.ehr.fhir.FhirClients;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Takes a rest-hook notification for one of OpenVisit's FHIR Subscriptions (no transaction open while the EHR is
 * called): the flood guard, the receiver address and its secret (constant-time, against the hash), the body
 * ({@link SubscriptionNotices}), the Subscription it names; then the handshake, heartbeat or events are counted
 * ({@link FhirSubscriptionSteps#noticed}: a gap or an error status makes the feed poll at once) and, for an event
 * notification, the Appointments it names (id-only) are read back from the EHR with the poll's access and taken in
 * exactly as the poll takes them ({@link FhirFeedRun#takeIn}: same mapping, same version-keyed intake, so a
 * notification and a poll of the same change send one SMS). If the EHR fails while they are read back, the feed
 * polls at once instead. Logs name the endpoint and counts, never an appointment, a patient or the secret.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class FhirSubscriptionReceiver {

    private static final Logger LOG = Logger.getLogger(FhirSubscriptionReceiver.class.getName());
    /** More appointments than this in one notification are left to the poll (which is asked to run at once). */
    static final int MAX_READ_BACK = 20;

    @EJB
    private FhirSubscriptionSteps steps;

    @EJB
    private FhirFeedSteps feedSteps;

    @EJB
    private SmsFeedService intake;

    @Inject
    private EhrAppointments ehr;

    @Inject
    private FhirClients fhir;

    @Inject
    private NoticeFlood flood;

    /** Counts the notification; once more if the keeper changed the row at the same moment (optimistic lock). */
    private boolean noticed(UUID endpointId, SubscriptionNotice notice) {
        try {
            return steps.noticed(endpointId, notice);
        } catch (jakarta.ejb.EJBException concurrent) {
            return steps.noticed(endpointId, notice);
        }
    }

    /**
     * @throws NoticeRefusal the notification is refused (nothing changed), with the reason
     */
    public NoticeAnswer receive(String hookId, String secret, byte[] body) {
        flood.admit(hookId);
        FhirSubscriptionSteps.Hooked hooked = steps.hooked(hookId, secret);
        UUID endpointId = hooked.endpointId();
        Optional<FhirFeedSteps.Start> start = feedSteps.access(endpointId).filter(FhirFeedSteps.Start::ready);
        String base = start.map(s -> s.access().fhirBase()).orElse("");
        SubscriptionNotice notice = SubscriptionNotices.read(fhir.context(), body, base);
        if (notice.subscriptionId().isPresent() && hooked.ehrId().isPresent()
                && !notice.subscriptionId().get().equals(hooked.ehrId().get())) {
            throw new NoticeRefusal(NoticeRefusal.Reason.OTHER_SUBSCRIPTION, "The notification names another "
                    + "Subscription than the one at this address.");
        }
        boolean poll = noticed(endpointId, notice);
        boolean events = notice.kind() == SubscriptionNotice.Kind.EVENT_NOTIFICATION
                || notice.kind() == SubscriptionNotice.Kind.QUERY_EVENT;
        if (!events || notice.appointmentIds().isEmpty()) {
            if (poll) {
                steps.pollNow(endpointId);
            }
            LOG.fine(() -> "FHIR Subscription notification (" + notice.kind() + ") for endpoint " + endpointId
                    + (poll ? "; the feed polls now" : ""));
            return new NoticeAnswer(notice.kind(), 0, 0, poll);
        }
        if (start.isEmpty() || notice.appointmentIds().size() > MAX_READ_BACK) {
            steps.pollNow(endpointId);
            return new NoticeAnswer(notice.kind(), 0, 0, true);
        }
        FhirFeedSteps.Start ready = start.get();
        try {
            List<Appointment> appointments = new ArrayList<>();
            for (String id : notice.appointmentIds()) {
                ehr.appointment(ready.access(), id).ifPresent(appointments::add);
            }
            FhirFeedRun.Outcome outcome = new FhirFeedRun(ehr, ready.access(),
                    message -> intake.receiveFhir(ready.endpoint(), message), (high, fed, skipped) -> true)
                    .takeIn(appointments);
            if (poll) {
                steps.pollNow(endpointId); // after this notification's appointments are stored: no race for them
            }
            int skipped = outcome.skipped().values().stream().mapToInt(Integer::intValue).sum();
            LOG.info(() -> "FHIR Subscription notification for endpoint " + endpointId + ": "
                    + notice.appointmentIds().size() + " appointment(s) named, " + outcome.fed() + " taken in, "
                    + skipped + " skipped" + (poll ? "; events were missed, the feed polls now" : ""));
            return new NoticeAnswer(notice.kind(), outcome.fed(), skipped, poll);
        } catch (EhrFeedException e) {
            steps.pollNow(endpointId);
            LOG.warning(() -> "FHIR Subscription notification for endpoint " + endpointId + ": reading back failed ("
                    + e.kind() + "); the feed polls now");
            return new NoticeAnswer(notice.kind(), 0, 0, true);
        }
    }
}
