package org.openvisit.launch.application;

import org.openvisit.shared.infrastructure.Jsons;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.openvisit.shared.domain.model.ConflictException;
import org.openvisit.shared.domain.model.InvalidValueException;
import org.openvisit.smart.OutboundHttp;
import org.openvisit.smart.SmartAuthorization;
import org.openvisit.smart.SmartClient;
import org.openvisit.smart.SmartConfiguration;
import org.openvisit.smart.SmartSignInException;
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

import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The SMART EHR launch ({@code GET /launch?iss=..&launch=..} and its callback). An {@code iss} that is
 * no APPROVED endpoint is refused before any outbound request. Otherwise the EHR's SMART configuration
 * is discovered (cached by {@link SmartClient}), and the browser goes to the EHR's authorize endpoint
 * with PKCE S256, state, nonce, {@code aud=iss}, the launch echoed and the scopes {@value #SCOPE}. The
 * callback's code is exchanged, the id_token checked against the EHR's JWKS, and the launch context
 * read: the user ({@code fhirUser}), the appointment ({@code fhirContext}) and the department
 * ({@code location}); the appointment and encounter references are kept sealed for write-back only;
 * the patient is read by no one and kept nowhere. Every launch,
 * accepted or refused, is written to the audit log.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SmartEhrLaunchService {

    /**
     * The minimum for a launch: the launch context, who the user is, and reading the launch's Appointment
     * (for when it is booked, shown on the clinician's page). Nothing clinical.
     */
    public static final String SCOPE = "launch openid fhirUser user/Appointment.r";

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
     * Checks the issuer and prepares the redirect to the EHR's authorize endpoint.
     *
     * @param redirectUri OpenVisit's {@code /launch/callback} as registered with the EHR
     * @throws LaunchRefusedException unknown or unapproved issuer (no outbound request made), or the EHR's
     *                                SMART configuration could not be read
     */
    public PendingLaunch begin(String iss, String launch, String redirectUri) {
        if (iss == null || iss.isBlank() || launch == null || launch.isBlank()) {
            throw refuse(400, "MISSING_PARAMETER", iss, null, "Incomplete launch",
                    "The EHR opened OpenVisit without " + (iss == null || iss.isBlank() ? "its FHIR address (iss)"
                            : "a launch id (launch)") + ". Start the visit again from the EHR.");
        }
        List<EndpointSummary> approved = endpointService.findApprovedByIssuer(iss);
        if (approved.isEmpty()) {
            if (knownButNotApproved(iss)) {
                throw refuse(403, "ENDPOINT_NOT_APPROVED", iss, null, "This EHR is not approved",
                        "OpenVisit knows the FHIR address " + iss.strip() + " but it is not approved for virtual "
                                + "visits (yet, or any more). The organization's EHR analyst approves it in the "
                                + "OpenVisit portal.");
            }
            throw refuse(400, "UNKNOWN_ISSUER", iss, null, "Unknown EHR",
                    "OpenVisit has no approved EHR with the FHIR address " + iss.strip() + ". The organization "
                            + "registers and approves it in the OpenVisit portal before visits can be launched.");
        }
        // several organizations may share one approved URL: the first registered one takes the launch
        EndpointSummary endpoint = approved.stream().min(Comparator.comparing(EndpointSummary::createdAt)).orElseThrow();
        SmartConfiguration configuration;
        try {
            configuration = smart.discover(endpoint.baseUrl());
        } catch (SmartSignInException e) {
            throw refuse(502, "DISCOVERY_FAILED", iss, endpoint, "The EHR could not be reached",
                    "OpenVisit could not read the EHR's SMART configuration: " + e.getMessage());
        }
        SmartAuthorization plain = smart.authorization(configuration, redirectUri, SCOPE);
        SmartAuthorization withLaunch = new SmartAuthorization(plain.fhirBase(), plain.acceptedIssuers(),
                plain.clientId(), plain.redirectUri(), plain.scope(), plain.tokenEndpoint(), plain.jwksUri(),
                plain.state(), plain.nonce(), plain.pkce(), java.net.URI.create(plain.authorizeUri() + "&launch="
                + URLEncoder.encode(launch.strip(), StandardCharsets.UTF_8).replace("+", "%20")));
        return new PendingLaunch(endpoint.id(), endpoint.organizationId(), iss, withLaunch);
    }

    /** A refusal at the callback before the launch is known (no state, unknown or reused state). */
    public LaunchRefusedException refuseCallback(int status, String reasonCode, String title, String message) {
        return refuse(status, reasonCode, (String) null, null, title, message);
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
            return refuse(403, "EHR_ACCESS_DENIED", pending, null, "The EHR did not allow the launch",
                    "The EHR answered access_denied: the launch was cancelled or OpenVisit is not allowed for this "
                            + "user. Start the visit again from the EHR, or ask the EHR team.");
        }
        return refuse(502, "EHR_ERROR", pending, null, "The EHR refused the launch",
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
            throw refuse(400, "MISSING_CODE", pending, null, "Incomplete launch",
                    "The EHR sent the browser back without an authorization code. Start the visit again from the EHR.");
        }
        SmartAuthorization authorization = pending.authorization();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", authorization.redirectUri());
        form.put("client_id", authorization.clientId());
        form.put("code_verifier", authorization.pkce().verifier());
        JsonObject token;
        try {
            OutboundHttp.Answer answer = http.postForm(authorization.tokenEndpoint(), form, "the EHR's token endpoint");
            token = json(answer.body());
            if (answer.status() != 200 || token == null) {
                throw refuse(502, "TOKEN_ENDPOINT_ERROR", pending, null, "The EHR did not complete the launch",
                        "The EHR's token endpoint answered HTTP " + answer.status()
                                + (text(token, "error") == null ? "" : " (" + text(token, "error") + ")")
                                + " instead of the launch context. Start the visit again from the EHR; if it "
                                + "happens again, ask the EHR team.");
            }
        } catch (SmartSignInException e) {
            throw refuse(502, "TOKEN_ENDPOINT_ERROR", pending, null, "The EHR did not complete the launch",
                    "OpenVisit could not reach the EHR's token endpoint: " + e.getMessage());
        }
        String ehrUser;
        try {
            String idToken = token.get("id_token") instanceof JsonString s ? s.getString() : null;
            if (idToken == null) {
                throw new SmartSignInException(SmartSignInException.Failure.INVALID_ID_TOKEN,
                        "The EHR sent no id_token, so OpenVisit cannot tell who launched.");
            }
            ehrUser = smart.ehrUser(authorization, idToken);
        } catch (SmartSignInException e) {
            throw refuse(401, "ID_TOKEN_" + e.failure().name(), pending, null, "The EHR's proof of the user was refused",
                    e.getMessage());
        }
        String appointment = appointmentReference(token);
        if (appointment == null) {
            throw refuse(400, "NO_APPOINTMENT", pending, clinicianOrNull(ehrUser), "No appointment in the launch",
                    "The EHR launched OpenVisit without an appointment (fhirContext). Start the visit from the "
                            + "appointment in the EHR's schedule.");
        }
        String location = text(token, "location");
        boolean patient = ehrUser.startsWith("Patient/") || ehrUser.startsWith("RelatedPerson/");
        boolean clinician = ehrUser.startsWith("Practitioner/") || ehrUser.startsWith("PractitionerRole/");
        if (!patient && !clinician) {
            throw refuse(403, "UNSUPPORTED_USER", pending, null, "This kind of user cannot start a visit",
                    "OpenVisit opens visits for clinicians (Practitioner) and patients; the EHR named another kind "
                            + "of user.");
        }
        EhrContext ehrContext = new EhrContext(appointment, text(token, "encounter"));
        OpenedVisit opened;
        try {
            VisitKey key = VisitKey.appointment(appointment);
            VisitOpening opening = patient
                    ? VisitOpening.ofPatient(pending.endpointId(), key, location, ehrContext)
                    : VisitOpening.ofClinician(pending.endpointId(), key, ehrUser, ParticipantRole.PROVIDER, location,
                    ehrContext);
            // the patient's id is never recorded: only a clinician's EHR user id goes into the visit and the log
            opened = acceptance.accept(new AcceptedLaunch(pending.issuer(), pending.endpointId(),
                    pending.organizationId(), opening, patient ? "PATIENT_LAUNCH" : "PROVIDER_LAUNCH", ""));
        } catch (ConflictException | InvalidValueException e) {
            throw refuse(409, "VISIT_NOT_OPENED", pending, clinicianOrNull(ehrUser), "The visit could not be opened",
                    e.getMessage());
        }
        if (opened.visit().appointmentStart() == null) {
            rememberBookedTime(pending, token, ehrContext, opened.visit().id());
        }
        // the audit log holds every accepted launch; the server log only at FINE, to keep it for what goes wrong
        LOG.fine(() -> (patient ? "Patient" : "Clinician") + " launch accepted for visit " + opened.visit().id()
                + " on endpoint " + pending.endpointId());
        return new LaunchLanding(opened.visit().id(), patient,
                patient ? opened.visit().patientJoinUrl() : opened.visit().providerJoinUrl());
    }

    /**
     * Reads when the appointment is booked for with the launch's own access token, once per visit; a launch
     * never fails for it (an EHR that does not grant {@code user/Appointment.r} leaves the time unknown).
     */
    private void rememberBookedTime(PendingLaunch pending, JsonObject token, EhrContext ehrContext, UUID visitId) {
        String accessToken = token.get("access_token") instanceof JsonString s ? s.getString() : null;
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
        }
    }

    private static String clinicianOrNull(String ehrUser) {
        return ehrUser != null && (ehrUser.startsWith("Practitioner/") || ehrUser.startsWith("PractitionerRole/"))
                ? ehrUser : null;
    }

    /** The first {@code Appointment/...} reference of the token response's {@code fhirContext}. */
    static String appointmentReference(JsonObject token) {
        if (!(token.get("fhirContext") instanceof JsonArray context)) {
            return null;
        }
        for (JsonValue item : context) {
            if (item instanceof JsonObject o && o.get("reference") instanceof JsonString ref
                    && ref.getString().startsWith("Appointment/") && ref.getString().length() > "Appointment/".length()) {
                return ref.getString();
            }
            if (item instanceof JsonString s && s.getString().startsWith("Appointment/")) {
                return s.getString();
            }
        }
        return null;
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

    private LaunchRefusedException refuse(int status, String reasonCode, PendingLaunch pending, String ehrUser,
                                          String title, String message) {
        audit.refused(pending.issuer(), pending.endpointId(), pending.organizationId(), ehrUser, reasonCode,
                title + ": " + message);
        LOG.info(() -> "Launch refused (" + reasonCode + ") on endpoint " + pending.endpointId());
        return new LaunchRefusedException(status, reasonCode, title, message);
    }

    private LaunchRefusedException refuse(int status, String reasonCode, String iss, EndpointSummary endpoint,
                                          String title, String message) {
        audit.refused(iss, endpoint == null ? null : endpoint.id(), endpoint == null ? null : endpoint.organizationId(),
                null, reasonCode, title + ": " + message);
        LOG.info(() -> "Launch refused (" + reasonCode + ")" + (endpoint == null ? "" : " on endpoint " + endpoint.id()));
        return new LaunchRefusedException(status, reasonCode, title, message);
    }

    private static JsonObject json(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try (JsonReader reader = Jsons.createReader(new StringReader(body))) {
            return reader.read() instanceof JsonObject o ? o : null;
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    private static String text(JsonObject json, String name) {
        if (json == null || !(json.get(name) instanceof JsonString s) || s.getString().isBlank()) {
            return null;
        }
        String clean = s.getString().replaceAll("\\p{Cntrl}", " ").strip();
        return clean.length() > 255 ? clean.substring(0, 255) : clean;
    }
}
