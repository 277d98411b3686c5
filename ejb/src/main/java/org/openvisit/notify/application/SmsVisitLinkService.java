package org.openvisit.notify.application;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openvisit.notify.domain.model.InvalidPatientNumberException;
import org.openvisit.notify.domain.model.PatientMobile;
import org.openvisit.notify.domain.model.SmsTemplateKind;
import org.openvisit.region.application.RegionDirectory;
import org.openvisit.tenant.domain.model.DataRegion;
import org.openvisit.visit.application.VisitNotFoundException;
import org.openvisit.visit.application.VisitOrchestrationService;
import org.openvisit.visit.application.VisitView;
import org.openvisit.visit.domain.model.AttendeeRole;
import org.openvisit.visit.domain.model.VisitStatus;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * The clinician's "Send patient link by SMS" on the visit page: the number typed is checked and normalised to E.164
 * in the endpoint's country (libphonenumber), or, with nothing typed, the number the EHR's feed sent for the
 * appointment is used; the message (the endpoint's language, the organization's name, a short
 * join link {@code /j/<code>} of this visit) goes out at once through the {@link SmsCarrier} port, only when the
 * organization gave both consents, the endpoint has an active number and the number has not answered STOP.
 * <p>
 * The global store is read first (settings, consents, number), then three regional transactions: the first ({@link
 * SmsSendWork#reserveLink}) locks the visit row, checks the visit's limits ({@code openvisit.sms.link.max-per-visit},
 * 5; {@code openvisit.sms.link.max-per-minute}, 2; counted in the database, so they hold across nodes) and records
 * the send with the number sealed (forgotten once the appointment is over, as the feed's numbers); the second hands
 * the message to the carrier without holding the visit's row (a carrier's tries and timeouts would stall the room's
 * events); the third records the visit's {@code SMS_SENT} event (without the number; written back as any event), or
 * forgets the send when the carrier did not take it.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SmsVisitLinkService {

    @EJB
    private VisitOrchestrationService visits;

    @EJB
    private SmsFeedLookup lookup;

    @EJB
    private SmsSendWork work;

    @EJB
    private RegionDirectory regions;

    @Inject
    private SmsPhones phones;

    @Inject
    @ConfigProperty(name = "openvisit.sms.link.max-per-visit", defaultValue = "5")
    private int maxPerVisit;

    @Inject
    @ConfigProperty(name = "openvisit.sms.link.max-per-minute", defaultValue = "2")
    private int maxPerMinute;

    private final Clock clock = Clock.systemUTC();

    /**
     * Sends the visit's patient link to the number typed or, with none typed, to the number the EHR's appointment feed
     * sent for the visit's appointment (refused as a missing number when it sent none).
     *
     * @param role the clinician's role in the visit (who the event names)
     * @throws VisitNotFoundException no such visit
     */
    public LinkSendResult send(@NotNull UUID visitId, String typedNumber, @NotNull AttendeeRole role) {
        VisitView visit = visits.find(visitId).orElseThrow(VisitNotFoundException::new);
        if (visit.status() == VisitStatus.ENDED) {
            return LinkSendResult.refused(LinkSendResult.Outcome.VISIT_ENDED);
        }
        Optional<FeedEndpoint> endpoint = lookup.byEndpoint(visit.endpointId())
                .filter(e -> e.organizationId().equals(visit.organizationId()));
        Optional<SendContext> context = lookup.sendContext(visit.organizationId(), visit.endpointId());
        if (endpoint.isEmpty() || context.isEmpty()) {
            return LinkSendResult.refused(LinkSendResult.Outcome.NOT_SET_UP);
        }
        SendContext c = context.get();
        if (!c.consented()) {
            return LinkSendResult.refused(LinkSendResult.Outcome.NO_CONSENT);
        }
        if (c.from().isEmpty()) {
            return LinkSendResult.refused(LinkSendResult.Outcome.NO_NUMBER);
        }
        DataRegion region = regions.regionOfVisit(visitId);
        Optional<SmsSendWork.FeedContact> feed = work.feedContact(region, visitId);
        Optional<String> fromFeed = typedNumber == null || typedNumber.isBlank()
                ? feed.flatMap(SmsSendWork.FeedContact::phoneSealed) : Optional.empty();
        PatientMobile mobile;
        try {
            // nothing typed: the number the EHR's feed sent for this appointment, if it sent one
            mobile = fromFeed.isPresent() ? phones.unseal(visit.organizationId(), fromFeed.get())
                    : PatientMobile.parse(typedNumber, endpoint.get().phoneRegion());
        } catch (InvalidPatientNumberException e) {
            return new LinkSendResult(LinkSendResult.Outcome.INVALID_NUMBER, e.reason(), endpoint.get().phoneRegion(),
                    0, null, null);
        }
        String template = c.template(SmsTemplateKind.LINK);
        String clinician = phones.clinicianFor(template, visit.organizationId(),
                feed.flatMap(SmsSendWork.FeedContact::clinicianSealed));
        phones.warm();
        String hash = phones.hash(visit.organizationId(), mobile);
        String sealed = phones.seal(visit.organizationId(), mobile);
        var request = new SmsSendWork.LinkRequest(region, visitId, c, mobile, sealed, hash,
                visit.appointmentStart(), role, new SmsSendWork.LinkLimits(maxPerVisit, maxPerMinute), clinician);
        SmsSendWork.Either reserved = work.reserveLink(request, clock.instant());
        if (reserved.refusal() != null) {
            return reserved.refusal();
        }
        try {
            work.sendReserved(request, reserved.reservation());
        } catch (SmsCarrierUnavailableException e) {
            work.cancelLink(request, reserved.reservation());
            return LinkSendResult.refused(LinkSendResult.Outcome.CARRIER_FAILED);
        }
        return work.confirmLink(request);
    }
}
