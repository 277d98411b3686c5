package org.openvisit.tenant.application;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openvisit.ehr.backend.BackendServicesTokens;
import org.openvisit.shared.domain.model.ConflictException;
import org.openvisit.tenant.domain.model.Actor;
import org.openvisit.tenant.domain.model.ContextLinkKeyRepository;
import org.openvisit.tenant.domain.model.EndpointStatus;
import org.openvisit.tenant.domain.model.FhirEndpoint;
import org.openvisit.tenant.domain.model.FhirEndpointRepository;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The integration records of an approved endpoint (PRODUCT.md §1 item 5): what the EHR analyst
 * enters in the EHR to finish the integration. Readable by the organization's members and by
 * operators whenever the endpoint is approved; derived from configuration, nothing secret in them.
 */
@Stateless
public class IntegrationRecordsService {

    /**
     * What OpenVisit asks an EHR for at launch: the launch context and who the user is, reading the launch's
     * appointment and encounter, nothing clinical (see {@code org.openvisit.ehr.LaunchScopes}: the EHR's own syntax,
     * the context hints it advertises, {@code patient/} instead of {@code user/} on the patient launch URL).
     */
    public static final String LAUNCH_SCOPES = "launch openid fhirUser launch/encounter user/Appointment.r user/Encounter.r user/Location.r";
    public static final String BACKEND_CLIENT_ID = "openvisit-backend";

    @EJB
    private EndpointService endpoints;

    @Inject
    private ContextLinkKeyRepository contextLinkKeys;

    @Inject
    private FhirEndpointRepository endpointRepository;

    @Inject
    @ConfigProperty(name = "openvisit.smart.client-id", defaultValue = "openvisit")
    private String clientId;

    @Inject
    private Instance<MoreIntegrationRecords> more;


    private final Clock clock = Clock.systemUTC();

    /**
     * @param publicBase OpenVisit's public address (see the web layer's PublicAddress)
     * @throws ConflictException the endpoint is not approved (yet or any more)
     */
    public IntegrationRecords recordsFor(@NotNull Actor actor, @NotNull UUID endpointId, @NotNull URI publicBase) {
        EndpointView endpoint = endpoints.find(actor, endpointId);
        if (endpoint.status() != EndpointStatus.APPROVED) {
            throw new ConflictException("The integration records are shown once the endpoint is approved; it is "
                    + endpoint.status() + ".").worded("records.notApproved");
        }
        String base = publicBase.toString();
        String launchKey = endpointRepository.find(endpoint.id()).map(FhirEndpoint::launchKey).orElseThrow();
        EndpointFraming framing = endpoints.framing(actor, endpointId);
        String keyId = contextLinkKeys.activeFor(endpoint.id()).map(k -> k.keyId())
                .orElse("none yet: the administrator generates one on this page");
        List<IntegrationRecord> records = new ArrayList<>(List.of(
                new IntegrationRecord("providerLaunchUrl", "Provider launch URL", base + "/launch/e/" + launchKey,
                        "SMART EHR launch for clinicians, this endpoint's own; the EHR adds iss (this FHIR base URL) "
                                + "and launch"),
                new IntegrationRecord("patientLaunchUrl", "Patient launch URL", base + "/launch/e/" + launchKey
                        + "/patient", "SMART EHR launch from the patient portal: always the lobby, whoever the "
                        + "portal user is (patient or proxy)"),
                new IntegrationRecord("contextLinkUrl", "Encrypted context link URL", base + "/launch/context",
                        "for EHRs that launch telehealth with an encrypted, time-stamped token (token=...)"),
                new IntegrationRecord("clientId", "SMART client id", clientId, "public client, PKCE S256"),
                new IntegrationRecord("redirectUri", "Redirect URI", base + "/launch/callback", null),
                new IntegrationRecord("ehrSignInRedirectUri", "Redirect URI of the approver's EHR sign-in",
                        base + "/portal/ehr-sign-in/callback", "register it as well: the sign-in that verifies this "
                        + "endpoint (SMART standalone launch by its approver) comes back here"),
                new IntegrationRecord("scopes", "Requested scopes", LAUNCH_SCOPES, "nothing clinical is requested; "
                        + "in the EHR's syntax (.read for SMART v1 EHRs), context hints only where the EHR lists "
                        + "them, patient/ instead of user/ on the patient launch URL"),
                new IntegrationRecord("audience", "Audience (aud) OpenVisit sends", endpoint.baseUrl(), "this endpoint's FHIR base URL"),
                new IntegrationRecord("frameAncestors", "Sites that may show OpenVisit in a frame",
                        String.join(" ", framing.origins()), (framing.setByAdmin() ? "set on the endpoint's page"
                        : "the EHR's own site (the default; change it on the endpoint's page)")
                        + "; sent as Content-Security-Policy frame-ancestors on the launch and visit pages"),
                new IntegrationRecord("backendClientId", "Backend services client id", BACKEND_CLIENT_ID,
                        "SMART Backend Services, private_key_jwt, for connect and disconnect write-back"),
                new IntegrationRecord("backendScopes", "Backend services scopes", BackendServicesTokens.SCOPE,
                        "what OpenVisit asks for when it writes connect and disconnect events"),
                new IntegrationRecord("jwksUrl", "Backend services JWKS URL", base + "/.well-known/jwks.json",
                        "OpenVisit's public keys for its signed client assertions"),
                new IntegrationRecord("contextLinkKeyId", "Encrypted context link key id", keyId,
                        "AES-256-GCM; the key itself is shown once, when it is generated"),
                new IntegrationRecord("contextParameters", "Launch context parameters",
                        "appointment (fhirContext Appointment) or encounter, department (location)",
                        "the EHR passes these with the launch (an appointment, or at least the encounter); no "
                                + "patient demographics are needed")));
        for (MoreIntegrationRecords source : more) {
            records.addAll(source.recordsFor(endpoint.organizationId(), endpoint.id(), base));
        }
        return new IntegrationRecords(endpoint.id(), endpoint.baseUrl(), clock.instant(), records);
    }

}
