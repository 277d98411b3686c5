package org.openvisit.launch.application;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.openvisit.region.application.RegionDirectory;
import org.openvisit.ehr.graph.GraphFailure;
import org.openvisit.region.application.RegionUnavailableException;
import static org.openvisit.launch.application.MeetingRefusal.TEAMS_REFUSAL_TITLE;
import static org.openvisit.launch.application.MeetingRefusal.teamsRefusal;
import org.openvisit.shared.domain.model.ConflictException;
import org.openvisit.shared.domain.model.InvalidValueException;
import org.openvisit.tenant.application.ContextLinkKeyService;
import org.openvisit.tenant.application.OutboundAddressConfiguration;
import org.openvisit.tenant.domain.model.FhirBaseUrl;
import org.openvisit.tenant.domain.model.FhirEndpoint;
import org.openvisit.tenant.domain.model.FhirEndpointRepository;
import org.openvisit.visit.application.EhrContext;
import org.openvisit.visit.application.OpenedVisit;
import org.openvisit.visit.application.VisitOpening;
import org.openvisit.visit.domain.model.ParticipantRole;
import org.openvisit.visit.domain.model.VisitKey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The encrypted context link launch ({@code GET /launch/context?token=..}), the way Epic launches
 * telehealth apps: the token names its key; the key belongs to one endpoint, which must be approved
 * and must be the token's {@code iss}; the token must decrypt (AES-256-GCM, header authenticated), be
 * inside its validity window (30 s of clock skew, at most {@value #MAX_WINDOW_MINUTES} minutes long),
 * and be used for the first time. Then the visit of its appointment (or, without one, of its session
 * id as a conference) opens like a SMART launch's. Every launch, accepted or refused, is audited;
 * the patient id in the token is never read into anything.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ContextLinkLaunchService {

    static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    static final long MAX_WINDOW_MINUTES = 60;
    private static final String PROBLEM = "Start the visit again from the EHR; if it happens again, ask the EHR team "
            + "to check the context link key configured for OpenVisit.";
    private static final Logger LOG = Logger.getLogger(ContextLinkLaunchService.class.getName());

    @EJB
    private ContextLinkKeyService keys;

    @EJB
    private ContextLinkReplayGuard replays;

    @EJB
    private LaunchAcceptance acceptance;

    @EJB
    private RegionDirectory regions;

    @EJB
    private LaunchAuditService audit;

    @Inject
    private FhirEndpointRepository endpoints;

    @Inject
    private OutboundAddressConfiguration addresses;

    private final Clock clock = Clock.systemUTC();

    /**
     * Checks the token and opens its visit.
     *
     * @throws LaunchRefusedException saying what was wrong (audited)
     */
    public LaunchLanding launch(String tokenText) {
        if (tokenText == null || tokenText.isBlank()) {
            throw refuse(LaunchRefusal.MISSING_TOKEN, null, null, "Incomplete launch",
                    "The EHR opened OpenVisit without the visit's context (token). Start the visit again from the EHR.");
        }
        ContextLinkToken token = ContextLinkToken.parse(tokenText).orElseThrow(() -> refuse(LaunchRefusal.MALFORMED_TOKEN,
                null, null, "This link is damaged", "The visit link from the EHR is not complete or not in the "
                        + "expected format. " + PROBLEM));
        ContextLinkKeyService.OpenedKey key = keys.openActive(token.keyId()).orElseThrow(() -> refuse(LaunchRefusal.UNKNOWN_KEY, null, null, "This link was not made for this OpenVisit",
                "The link names a key that OpenVisit does not have (or that was replaced). " + PROBLEM));
        FhirEndpoint endpoint = endpoints.find(key.endpointId()).orElseThrow(() -> refuse(LaunchRefusal.UNKNOWN_KEY, null,
                null, "This link was not made for this OpenVisit", "The link's key belongs to no endpoint. " + PROBLEM));
        ContextLinkClaims claims;
        try {
            String plaintext = token.decrypt(key.key()).orElseThrow(() -> refuse(LaunchRefusal.TAMPERED_OR_WRONG_KEY, endpoint, null, "This link cannot be trusted",
                    "The link does not decrypt with the endpoint's key: it was changed on the way, or made with "
                            + "another key. " + PROBLEM));
            // genuine (it decrypted with the endpoint's key), but the EHR left out a required field such as exp
            claims = ContextLinkClaims.parse(plaintext).orElseThrow(() -> refuse(LaunchRefusal.INCOMPLETE_CLAIMS,
                    endpoint, null, "This link is incomplete", "The link is genuine but lacks a required field (iss, "
                            + "role, nbf or iat, exp). The EHR team checks the context link settings."));
        } finally {
            Arrays.fill(key.key(), (byte) 0);
        }
        String clinician = claims.isProvider() ? claims.user() : null;
        if (!endpoint.isInService()) {
            throw refuse(LaunchRefusal.ENDPOINT_NOT_APPROVED, endpoint, clinician, "This EHR is not approved",
                    "The endpoint this link belongs to is not approved for virtual visits (yet, or any more). The "
                            + "organization's EHR analyst approves it in the OpenVisit portal.");
        }
        if (!sameEhr(claims.iss(), endpoint)) {
            throw refuse(LaunchRefusal.WRONG_ISSUER, endpoint, clinician, "This link belongs to another EHR",
                    "The link names another FHIR address than the endpoint its key belongs to. " + PROBLEM);
        }
        checkWindow(claims, endpoint, clinician);
        ParticipantRole role = clinicianRole(claims, endpoint);
        VisitKey visitKey = visitKey(claims, endpoint, clinician);
        if (!firstUse(token, endpoint, claims, clinician)) {
            throw refuse(LaunchRefusal.REPLAYED, endpoint, clinician, "This link was used already",
                    "A visit link from the EHR works once. Start the visit again from the EHR to get a fresh one.");
        }
        boolean patient = role == null;
        EhrContext ehrContext = new EhrContext(claims.appointment(), claims.encounter());
        VisitOpening opening = patient
                ? VisitOpening.ofPatient(endpoint.id(), visitKey, claims.department(), ehrContext)
                : VisitOpening.ofClinician(endpoint.id(), visitKey, claims.user(), role, claims.department(), ehrContext);
        OpenedVisit opened;
        try {
            opened = acceptance.accept(new AcceptedLaunch(claims.iss(), endpoint.id(), endpoint.organizationId(),
                    opening, patient ? "PATIENT_CONTEXT_LINK" : "PROVIDER_CONTEXT_LINK", " from a context link"));
        } catch (ConflictException | InvalidValueException e) {
            throw refuse(LaunchRefusal.VISIT_NOT_OPENED, endpoint, clinician, "The visit could not be opened", e.getMessage());
        } catch (RegionUnavailableException e) {
            throw regionUnavailable(e, endpoint, clinician);
        } catch (GraphFailure e) {
            throw refuse(LaunchRefusal.MEETING_PLATFORM_REFUSED, endpoint, clinician, TEAMS_REFUSAL_TITLE,
                    teamsRefusal(e));
        }
        // the audit log holds every accepted launch; the server log only at FINE, to keep it for what goes wrong
        LOG.fine(() -> (patient ? "Patient" : "Clinician") + " context link accepted for visit " + opened.visit().id()
                + " on endpoint " + endpoint.id());
        return new LaunchLanding(opened.visit().id(), patient,
                patient ? opened.visit().patientJoinUrl() : opened.visit().providerJoinUrl(),
                opened.visit().organizationId(), patient ? null : clinician);
    }

    private boolean sameEhr(String iss, FhirEndpoint endpoint) {
        try {
            return FhirBaseUrl.of(iss, addresses.policy()).value().equals(endpoint.baseUrl().value());
        } catch (InvalidValueException notAUrl) {
            return false;
        }
    }

    private void checkWindow(ContextLinkClaims claims, FhirEndpoint endpoint, String clinician) {
        switch (claims.windowAt(clock.instant(), Duration.ofMinutes(MAX_WINDOW_MINUTES), CLOCK_SKEW)) {
            case TOO_LONG -> throw refuse(LaunchRefusal.WINDOW_TOO_LONG, endpoint, clinician,
                    "This link's validity is not accepted", "The link is valid for longer than OpenVisit accepts ("
                            + MAX_WINDOW_MINUTES + " minutes). " + PROBLEM);
            case NOT_YET_VALID -> throw refuse(LaunchRefusal.NOT_YET_VALID, endpoint, clinician,
                    "This link is not valid yet", "The link is dated in the future: the EHR's clock and OpenVisit's "
                            + "differ. " + PROBLEM);
            case EXPIRED -> throw refuse(LaunchRefusal.EXPIRED, endpoint, clinician, "This link has expired",
                    "Visit links from the EHR are valid for a few minutes only. Start the visit again from the EHR.");
            case VALID -> { }
        }
    }

    /** The clinician's role, or {@code null} for a patient. */
    private ParticipantRole clinicianRole(ContextLinkClaims claims, FhirEndpoint endpoint) {
        if (claims.isPatient()) {
            return null;
        }
        if (claims.isProvider() && claims.user() != null && (claims.user().startsWith("Practitioner/")
                || claims.user().startsWith("PractitionerRole/"))) {
            return ParticipantRole.PROVIDER;
        }
        throw refuse(LaunchRefusal.UNSUPPORTED_USER, endpoint, null, "This kind of user cannot start a visit",
                "OpenVisit opens visits for clinicians (role provider, a Practitioner) and patients (role patient); "
                        + "the link names neither.");
    }

    private VisitKey visitKey(ContextLinkClaims claims, FhirEndpoint endpoint, String clinician) {
        try {
            if (claims.appointment() != null) {
                return VisitKey.appointment(claims.appointment().startsWith("Appointment/") ? claims.appointment()
                        : "Appointment/" + claims.appointment());
            }
            if (claims.sid() != null) {
                return VisitKey.conference(claims.sid()); // a group visit known only by its session id
            }
        } catch (InvalidValueException tooLong) {
            // refused below, like a missing one
        }
        throw refuse(LaunchRefusal.NO_APPOINTMENT, endpoint, clinician, "No appointment in the link",
                "The link names no appointment or visit session. Start the visit from the appointment in the EHR.");
    }

    private LaunchRefusedException refuse(LaunchRefusal reason, FhirEndpoint endpoint, String ehrUser,
                                          String title, String message) {
        UUID endpointId = endpoint == null ? null : endpoint.id();
        audit.refused(endpoint == null ? null : endpoint.baseUrl().value(), endpointId,
                endpoint == null ? null : endpoint.organizationId(), ehrUser, reason.name(), title + ": " + message);
        LOG.info(() -> "Context link refused (" + reason + ")" + (endpointId == null ? "" : " on endpoint " + endpointId));
        return new LaunchRefusedException(reason, title, message);
    }

    /** The link's first use (kept in the organization's regional store); a store that is down refuses the launch. */
    private boolean firstUse(ContextLinkToken token, FhirEndpoint endpoint, ContextLinkClaims claims, String clinician) {
        try {
            return replays.firstUse(token.digest(), endpoint.id(), claims.expires());
        } catch (RegionUnavailableException e) {
            throw regionUnavailable(e, endpoint, clinician);
        } catch (jakarta.ejb.EJBException e) {
            if (!RegionUnavailableException.isStoreFailure(e)) {
                throw e;
            }
            throw regionUnavailable(new RegionUnavailableException(
                    regions.regionOfOrganization(endpoint.organizationId()), e), endpoint, clinician);
        }
    }

    private LaunchRefusedException regionUnavailable(RegionUnavailableException e, FhirEndpoint endpoint, String clinician) {
        return refuse(LaunchRefusal.REGION_UNAVAILABLE, endpoint, clinician, "The visit cannot be opened now",
                "This organization's visits are kept in the database of its data region (" + e.region().displayName()
                            + "), which cannot be reached now. Launches of organizations in other regions are not "
                            + "affected. Try again in a few minutes; if it goes on, the OpenVisit operators check the "
                            + "region's database (the health page shows each store).");
    }
}
