package org.openvisit.launch.application;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.openvisit.ehr.graph.GraphFailure;
import org.openvisit.region.application.RegionUnavailableException;
import static org.openvisit.launch.application.MeetingRefusal.TEAMS_REFUSAL_TITLE;
import static org.openvisit.launch.application.MeetingRefusal.teamsRefusal;
import org.openvisit.shared.domain.model.ConflictException;
import org.openvisit.shared.domain.model.InvalidValueException;
import org.openvisit.ehr.LaunchScopes;
import org.openvisit.ehr.LaunchTokenResponse;
import org.openvisit.ehr.OutboundHttp;
import org.openvisit.ehr.SmartAuthorization;
import org.openvisit.ehr.SmartClient;
import org.openvisit.ehr.SmartConfiguration;
import org.openvisit.ehr.SmartSignInException;
import org.openvisit.tenant.application.EndpointService;
import org.openvisit.tenant.application.EndpointSummary;
import org.openvisit.tenant.application.OutboundAddressConfiguration;
import org.openvisit.tenant.domain.model.FhirBaseUrl;
import org.openvisit.visit.application.EhrContext;
import org.openvisit.visit.application.OpenedVisit;
import org.openvisit.visit.application.VisitOpening;
import org.openvisit.visit.application.VisitOrchestrationService;
import org.openvisit.visit.domain.model.ParticipantRole;
import org.openvisit.visit.domain.model.VisitKey;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The SMART EHR launch ({@code GET /launch?iss=..&launch=..}, the per-endpoint {@code /launch/e/{key}} and
 * {@code /launch/e/{key}/patient}, and their callback). The launch URL decides the endpoint: an endpoint's own
 * URL takes only its FHIR base URL as {@code iss}; the bare {@code /launch} takes an {@code iss} that exactly one
 * APPROVED endpoint has (several organizations sharing one EHR are refused there, never routed by guess). A refused
 * launch makes no outbound request. Otherwise the EHR's SMART configuration is discovered (cached by
 * {@link SmartClient}), and the browser goes to the EHR's authorize endpoint with PKCE S256, state, nonce,
 * {@code aud=iss}, the launch echoed and the scopes {@link LaunchScopes} picks for that EHR. The callback's code is
 * exchanged, the id_token checked against the EHR's JWKS, and the launch context read as EHRs send it
 * ({@link LaunchContextRead}): the visit is keyed by the appointment when there is one, else by the encounter (joined
 * to its appointment's visit when the launch's token can read {@code Encounter.appointment}); {@code fhirUser} may be
 * relative or absolute ({@link LaunchUser}). The appointment and encounter references are kept sealed for write-back
 * only; the patient is read by no one and kept nowhere. Every launch, accepted or refused, is written to the audit log.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SmartEhrLaunchService {

    /**
     * What a launch asks an EHR that publishes nothing about its scopes: the launch context, who the user is, and
     * reading the launch's Appointment, Encounter and Location (SMART v1 syntax). See {@link LaunchScopes}.
     */
    public static final String SCOPE = "launch openid fhirUser user/Appointment.read user/Encounter.read user/Location.read";

    private static final Logger LOG = Logger.getLogger(SmartEhrLaunchService.class.getName());

    @EJB
    private EndpointService endpointService;

    @EJB
    private LaunchAcceptance acceptance;

    @EJB
    private VisitOrchestrationService visits;

    @EJB
    private LaunchAuditService audit;

    @Inject
    private SmartClient smart;

    @Inject
    private OutboundAddressConfiguration addresses;

    @PersistenceContext(unitName = "openvisit")
    private EntityManager entityManager;

    private OutboundHttp http;

    public SmartEhrLaunchService() {
        // for the container
    }

    /** Outside the container (tests): the callback half, with the given collaborators. */
    SmartEhrLaunchService(LaunchAcceptance acceptance, VisitOrchestrationService visits, LaunchAuditService audit,
                          SmartClient smart, OutboundHttp http) {
        this.acceptance = acceptance;
        this.visits = visits;
        this.audit = audit;
        this.smart = smart;
        this.http = http;
    }

    @PostConstruct
    void init() {
        http = new OutboundHttp(addresses.policy());
    }

    /**
     * A launch on the bare {@code /launch}: checks the issuer and prepares the redirect to the EHR's authorize
     * endpoint.
     *
     * @param redirectUri OpenVisit's {@code /launch/callback} as registered with the EHR
     * @throws LaunchRefusedException unknown, unapproved or ambiguous issuer (no outbound request made), or the
     *                                EHR's SMART configuration could not be read
     */
    public PendingLaunch begin(String iss, String launch, String redirectUri) {
        requireParameters(iss, launch, null);
        List<EndpointSummary> approved = endpointService.findApprovedByIssuer(iss);
        if (approved.isEmpty()) {
            if (knownButNotApproved(iss)) {
                throw refuse(LaunchRefusal.ENDPOINT_NOT_APPROVED, iss, null, "This EHR is not approved",
                        "OpenVisit knows the FHIR address " + iss.strip() + " but it is not approved for virtual "
                                + "visits (yet, or any more). The organization's EHR analyst approves it in the "
                                + "OpenVisit portal.");
            }
            throw refuse(LaunchRefusal.UNKNOWN_ISSUER, iss, null, "Unknown EHR",
                    "OpenVisit has no approved EHR with the FHIR address " + iss.strip() + ". The organization "
                            + "registers and approves it in the OpenVisit portal before visits can be launched.");
        }
        if (approved.size() > 1) {
            throw refuse(LaunchRefusal.AMBIGUOUS_ISSUER, iss, null, "This EHR is shared: use your organization's launch URL",
                    "Several organizations use the FHIR address " + iss.strip() + ", so OpenVisit cannot tell from "
                            + "the plain launch URL which one this launch belongs to, and does not guess. The EHR "
                            + "team enters the organization's own provider and patient launch URLs from OpenVisit's "
                            + "integration records.");
        }
        return authorize(approved.get(0), iss, launch, redirectUri, LaunchAudience.ANY);
    }

    /**
     * A launch on an endpoint's own launch URL ({@code /launch/e/{endpointKey}}, or its patient URL): the
     * {@code iss} must be that endpoint's FHIR base URL.
     *
     * @throws LaunchRefusedException unknown launch URL, endpoint not approved, {@code iss} not the endpoint's FHIR
     *                                base URL (no outbound request made), or discovery failed
     */
    public PendingLaunch begin(String endpointKey, LaunchAudience audience, String iss, String launch,
                               String redirectUri) {
        List<EndpointSummary> keyed = endpointKey == null || endpointKey.isBlank() ? List.of()
                : endpointService.findByLaunchKey(endpointKey.strip());
        if (keyed.isEmpty()) {
            throw refuse(LaunchRefusal.UNKNOWN_LAUNCH_URL, iss, null, "Unknown launch address",
                    "This launch address belongs to no EHR connection in OpenVisit (it may have been mistyped, or "
                            + "the connection removed). The EHR team copies the launch URLs from OpenVisit's "
                            + "integration records.");
        }
        requireParameters(iss, launch, keyed.size() == 1 ? keyed.get(0) : null);
        Optional<EndpointSummary> matching = keyed.stream().filter(e -> sameBaseUrl(iss, e.baseUrl())).findFirst();
        if (matching.isEmpty()) {
            EndpointSummary first = keyed.get(0);
            throw refuse(LaunchRefusal.ISSUER_MISMATCH, iss, keyed.size() == 1 ? first : null,
                    "The EHR does not match this launch address",
                    "The EHR named the FHIR address " + iss.strip() + ", but this launch address belongs to the EHR "
                            + "at " + first.baseUrl() + ". The EHR team checks which launch URL is entered for "
                            + "this EHR.");
        }
        EndpointSummary endpoint = matching.get();
        if (!endpoint.inService()) {
            throw refuse(LaunchRefusal.ENDPOINT_NOT_APPROVED, iss, endpoint, "This EHR is not approved",
                    "This launch address belongs to an EHR connection that is not approved for virtual visits "
                            + "(yet, or any more). The organization's EHR analyst approves it in the OpenVisit portal.");
        }
        return authorize(endpoint, iss, launch, redirectUri, audience);
    }

    private void requireParameters(String iss, String launch, EndpointSummary endpoint) {
        if (iss == null || iss.isBlank() || launch == null || launch.isBlank()) {
            throw refuse(LaunchRefusal.MISSING_PARAMETER, iss, endpoint, "Incomplete launch",
                    "The EHR opened OpenVisit without " + (iss == null || iss.isBlank() ? "its FHIR address (iss)"
                            : "a launch id (launch)") + ". Start the visit again from the EHR.");
        }
    }

    private PendingLaunch authorize(EndpointSummary endpoint, String iss, String launch, String redirectUri,
                                    LaunchAudience audience) {
        SmartConfiguration configuration;
        try {
            configuration = smart.discover(endpoint.baseUrl());
        } catch (SmartSignInException e) {
            throw refuse(LaunchRefusal.DISCOVERY_FAILED, iss, endpoint, "The EHR could not be reached",
                    "OpenVisit could not read the EHR's SMART configuration: " + e.getMessage());
        }
        String scope = LaunchScopes.forLaunch(configuration,
                audience == LaunchAudience.PATIENT ? LaunchScopes.Level.PATIENT : LaunchScopes.Level.USER);
        SmartAuthorization withLaunch = smart.launchAuthorization(configuration, redirectUri, scope, launch.strip());
        return new PendingLaunch(endpoint.id(), endpoint.organizationId(), iss, audience, withLaunch);
    }

    private boolean sameBaseUrl(String iss, String baseUrl) {
        try {
            return FhirBaseUrl.of(iss, addresses.policy()).value().equals(baseUrl);
        } catch (InvalidValueException notAUrl) {
            return false;
        }
    }

    /** A refusal at the callback before the launch is known (no state, unknown or reused state). */
    public LaunchRefusedException refuseCallback(LaunchRefusal reason, String title, String message) {
        return refuse(reason, (String) null, null, title, message);
    }

    /**
     * The EHR sent the browser back with an {@code error} instead of a code.
     */
    public LaunchRefusedException ehrError(PendingLaunch pending, String error) {
        String code = error == null ? "" : error.replaceAll("[^A-Za-z0-9_]", "");
        if (code.length() > 40) {
            code = code.substring(0, 40);
        }
        if ("access_denied".equals(code)) {
            return refuse(LaunchRefusal.EHR_ACCESS_DENIED, pending, null, "The EHR did not allow the launch",
                    "The EHR answered access_denied: the launch was cancelled or OpenVisit is not allowed for this "
                            + "user. Start the visit again from the EHR, or ask the EHR team.");
        }
        return refuse(LaunchRefusal.EHR_ERROR, pending, null, "The EHR refused the launch",
                "The EHR answered with the error \"" + code + "\" instead of letting the launch continue. Start the "
                        + "visit again from the EHR; if it happens again, ask the EHR team to check OpenVisit's app "
                        + "registration.");
    }

    /**
     * Exchanges the code, checks the id_token, reads the launch context and opens the visit.
     *
     * @throws LaunchRefusedException saying what failed (recorded in the audit log)
     */
    public LaunchLanding complete(PendingLaunch pending, String code) {
        if (code == null || code.isBlank()) {
            throw refuse(LaunchRefusal.MISSING_CODE, pending, null, "Incomplete launch",
                    "The EHR sent the browser back without an authorization code. Start the visit again from the EHR.");
        }
        LaunchTokenResponse token;
        try {
            token = smart.completeLaunch(pending.authorization(), code);
        } catch (SmartSignInException e) {
            if (e.failure() == SmartSignInException.Failure.TOKEN_ENDPOINT_ERROR
                    || e.failure() == SmartSignInException.Failure.UNREACHABLE
                    || e.failure() == SmartSignInException.Failure.TIMEOUT
                    || e.failure() == SmartSignInException.Failure.REFUSED_ADDRESS) {
                throw refuse(LaunchRefusal.TOKEN_ENDPOINT_ERROR, pending, null, "The EHR did not complete the launch",
                        e.getMessage() + " Start the visit again from the EHR; if it happens again, ask the EHR team.");
            }
            throw refuse(LaunchRefusal.idToken(e.failure()), pending, null, "The EHR's proof of the user was refused",
                    e.getMessage());
        }
        String fhirBase = pending.authorization().fhirBase();
        LaunchUser user = LaunchUser.of(token.ehrUser(), fhirBase);
        if (user.foreign()) {
            throw refuse(LaunchRefusal.FOREIGN_FHIR_USER, pending, null, "The EHR named a user of another server",
                    "The EHR's proof of the user (fhirUser) points to another FHIR server than " + fhirBase
                            + ", so OpenVisit cannot tell who this is. The EHR team checks the fhirUser claim of "
                            + "OpenVisit's app registration.");
        }
        boolean patient = pending.audience() == LaunchAudience.PATIENT || user.isPatient();
        if (!patient && !user.isClinician()) {
            throw refuse(LaunchRefusal.UNSUPPORTED_USER, pending, null, "This kind of user cannot start a visit",
                    "OpenVisit opens visits for clinicians (Practitioner) and patients; the EHR named another kind "
                            + "of user, or none. Patients launch from the patient portal's launch URL.");
        }
        String clinician = patient ? null : user.reference();
        LaunchContextRead context = LaunchContextRead.of(token.context(), fhirBase);
        if (context.isEmpty()) {
            throw refuse(LaunchRefusal.NO_LAUNCH_CONTEXT, pending, clinician, "No appointment or encounter in the launch",
                    "The EHR launched OpenVisit without an appointment (fhirContext) and without an encounter. "
                            + "The EHR must send the appointment or the encounter of the visit with the launch: "
                            + "start the visit from the appointment in the EHR's schedule, or ask the EHR team to "
                            + "pass the encounter (or appointment) context to OpenVisit.");
        }
        String appointment = context.appointment() != null ? context.appointment()
                : context.appointmentIdentifier() == null && context.encounter() != null
                ? appointmentOfEncounter(token, fhirBase, context.encounter()) : null;
        VisitKey key = appointment != null ? VisitKey.appointment(appointment)
                : context.appointmentIdentifier() != null
                ? VisitKey.appointment("Appointment?identifier=" + context.appointmentIdentifier())
                : VisitKey.encounter(context.encounter());
        EhrContext ehrContext = new EhrContext(appointment, context.encounter());
        OpenedVisit opened;
        try {
            VisitOpening opening = patient
                    ? VisitOpening.ofPatient(pending.endpointId(), key, context.location(), ehrContext)
                    : VisitOpening.ofClinician(pending.endpointId(), key, clinician, ParticipantRole.PROVIDER,
                    context.location(), ehrContext);
            // the patient's id is never recorded: only a clinician's EHR user id goes into the visit and the log
            opened = acceptance.accept(new AcceptedLaunch(pending.issuer(), pending.endpointId(),
                    pending.organizationId(), opening, patient ? "PATIENT_LAUNCH" : "PROVIDER_LAUNCH", ""));
        } catch (ConflictException | InvalidValueException e) {
            throw refuse(LaunchRefusal.VISIT_NOT_OPENED, pending, clinician, "The visit could not be opened",
                    e.getMessage());
        } catch (GraphFailure e) {
            throw refuse(LaunchRefusal.MEETING_PLATFORM_REFUSED, pending, clinician, TEAMS_REFUSAL_TITLE,
                    teamsRefusal(e));
        } catch (RegionUnavailableException e) {
            throw refuse(LaunchRefusal.REGION_UNAVAILABLE, pending, clinician, "The visit cannot be opened now",
                    "This organization's visits are kept in the database of its data region (" + e.region().displayName()
                            + "), which cannot be reached now. Launches of organizations in other regions are not "
                            + "affected. Try again in a few minutes; if it goes on, the OpenVisit operators check the "
                            + "region's database (the health page shows each store).");
        }
        if (opened.visit().appointmentStart() == null) {
            rememberBookedTime(pending, token, ehrContext, opened.visit().id());
        }
        if (opened.visit().departmentName() == null && opened.visit().departmentId() != null) {
            rememberDepartmentName(token, fhirBase, context.location(), opened.visit().id());
        }
        // the audit log holds every accepted launch; the server log only at FINE, to keep it for what goes wrong
        LOG.fine(() -> (patient ? "Patient" : "Clinician") + " launch accepted for visit " + opened.visit().id()
                + " on endpoint " + pending.endpointId());
        return new LaunchLanding(opened.visit().id(), patient,
                patient ? opened.visit().patientJoinUrl() : opened.visit().providerJoinUrl(),
                opened.visit().organizationId(), patient ? null : clinician);
    }

    /**
     * Reads when the appointment is booked for with the launch's own access token, once per visit; a launch
     * never fails for it (an EHR that does not grant {@code user/Appointment.r} leaves the time unknown).
     */
    private void rememberBookedTime(PendingLaunch pending, LaunchTokenResponse token, EhrContext ehrContext, UUID visitId) {
        String accessToken = token.accessToken();
        if (accessToken == null || ehrContext.appointment() == null) {
            return;
        }
        try {
            URI uri = URI.create(pending.authorization().fhirBase() + "/" + ehrContext.appointment());
            OutboundHttp.Answer answer = http.get(uri, Map.of("Authorization", "Bearer " + accessToken),
                    "the launch's appointment");
            if (answer.status() != 200) {
                LOG.fine(() -> "The EHR answered HTTP " + answer.status() + " for the appointment of visit " + visitId);
                return;
            }
            BookedTime.fromAppointment(answer.body())
                    .ifPresent(time -> visits.recordBookedTime(visitId, time.start(), time.end()));
        } catch (SmartSignInException | IllegalArgumentException unreadable) {
            LOG.fine(() -> "The appointment of visit " + visitId + " could not be read: " + unreadable.getMessage());
        } catch (EJBException notRecorded) {
            // most often another launch of the same appointment recorded the same time a moment before (its
            // transaction won the visit's version): this launch goes on either way
            LOG.info(() -> "The booked time of visit " + visitId + " was not recorded by this launch: "
                    + rootCause(notRecorded).getClass().getSimpleName());
        }
    }

    /**
     * Reads the department's display name ({@code Location.name}) with the launch's own access token, once per visit;
     * a launch never fails for it (an EHR that does not grant {@code Location.r} leaves the id shown). Only the
     * department's name is kept, nothing else of the Location.
     */
    private void rememberDepartmentName(LaunchTokenResponse token, String fhirBase, String location, UUID visitId) {
        String reference = DepartmentName.reference(location, fhirBase).orElse(null);
        if (token.accessToken() == null || reference == null) {
            return;
        }
        try {
            OutboundHttp.Answer answer = http.get(URI.create(fhirBase + "/" + reference),
                    Map.of("Authorization", "Bearer " + token.accessToken()), "the launch's department (Location)");
            if (answer.status() != 200) {
                LOG.fine(() -> "The EHR answered HTTP " + answer.status() + " for the department of visit " + visitId);
                return;
            }
            DepartmentName.fromLocation(answer.body()).ifPresent(name -> visits.recordDepartmentName(visitId, name));
        } catch (SmartSignInException | IllegalArgumentException unreadable) {
            LOG.fine(() -> "The department of visit " + visitId + " could not be read: " + unreadable.getMessage());
        } catch (EJBException notRecorded) {
            LOG.info(() -> "The department name of visit " + visitId + " was not recorded by this launch: "
                    + rootCause(notRecorded).getClass().getSimpleName());
        }
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    /**
     * The appointment of a launch that names only its encounter: {@code Encounter.appointment}, read with the
     * launch's own token ({@code Encounter.r}/{@code .read} is asked for exactly for this), so that launches of an
     * appointment and of its encounter meet in one visit. {@code null} when the EHR does not grant the read, does not
     * answer, or the Encounter names no appointment of this server: the launch then goes on keyed by the encounter.
     */
    private String appointmentOfEncounter(LaunchTokenResponse token, String fhirBase, String encounter) {
        if (token.accessToken() == null) {
            return null;
        }
        try {
            OutboundHttp.Answer answer = http.get(URI.create(fhirBase + "/" + encounter),
                    Map.of("Authorization", "Bearer " + token.accessToken(), "Accept", "application/fhir+json"),
                    "the launch's encounter");
            if (answer.status() != 200) {
                LOG.fine(() -> "The EHR answered HTTP " + answer.status() + " for the launch's encounter");
                return null;
            }
            return EncounterAppointment.of(answer.body(), fhirBase).orElse(null);
        } catch (SmartSignInException | IllegalArgumentException unreadable) {
            LOG.fine(() -> "The launch's encounter could not be read: " + unreadable.getMessage());
            return null;
        }
    }

    private boolean knownButNotApproved(String iss) {
        try {
            FhirBaseUrl url = FhirBaseUrl.of(iss, addresses.policy());
            return !entityManager.createQuery("select e.id from FhirEndpoint e where e.baseUrl = :url", String.class)
                    .setParameter("url", url.value()).setMaxResults(1).getResultList().isEmpty();
        } catch (InvalidValueException notAUrl) {
            return false;
        }
    }

    private LaunchRefusedException refuse(LaunchRefusal reason, PendingLaunch pending, String ehrUser,
                                          String title, String message) {
        audit.refused(pending.issuer(), pending.endpointId(), pending.organizationId(), ehrUser, reason.name(),
                title + ": " + message);
        LOG.info(() -> "Launch refused (" + reason + ") on endpoint " + pending.endpointId());
        return new LaunchRefusedException(reason, title, message);
    }

    private LaunchRefusedException refuse(LaunchRefusal reason, String iss, EndpointSummary endpoint,
                                          String title, String message) {
        audit.refused(iss, endpoint == null ? null : endpoint.id(), endpoint == null ? null : endpoint.organizationId(),
                null, reason.name(), title + ": " + message);
        LOG.info(() -> "Launch refused (" + reason + ")" + (endpoint == null ? "" : " on endpoint " + endpoint.id()));
        return new LaunchRefusedException(reason, title, message);
    }

}
