package org.openvisit.tenant.application;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import org.openvisit.ehr.graph.CertificatePem;
import org.openvisit.ehr.graph.GraphApp;
import org.openvisit.ehr.graph.GraphCredential;
import org.openvisit.ehr.graph.GraphFailure;
import org.openvisit.ehr.graph.OnlineMeetingRequest;
import org.openvisit.ehr.graph.TeamsGraph;
import org.openvisit.ehr.graph.TokenRoles;
import org.openvisit.secrets.MasterKey;
import org.openvisit.shared.domain.model.ConflictException;
import org.openvisit.shared.domain.model.ForbiddenException;
import org.openvisit.shared.domain.model.InvalidValueException;
import org.openvisit.tenant.domain.model.Actor;
import org.openvisit.tenant.domain.model.OrganizationRepository;
import org.openvisit.tenant.domain.model.Role;
import org.openvisit.tenant.domain.model.TeamsSettings;
import org.openvisit.tenant.domain.model.TeamsSettingsRepository;

import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * An organization's Microsoft Teams settings: kept by its administrators (ORG_ADMIN) or an operator, the credential
 * sealed under the installation's master key (bound to the organization), checked with a real token request and a
 * harmless Graph call (Test connection), and opened for the Teams meeting platform at launch.
 */
@Stateless
public class TeamsSettingsService {

    /** The external id of the one meeting Test connection creates-or-gets for the organizer (never a visit's). */
    public static final String CHECK_EXTERNAL_ID = "openvisit-connection-check";
    /** The Teams meeting platform's name (its adapter lives in visit.infrastructure.teams). */
    public static final String TEAMS = "microsoft-teams";
    private static final String PURPOSE = "teams-credential:";
    private static final Logger LOG = Logger.getLogger(TeamsSettingsService.class.getName());

    @Inject
    private TeamsSettingsRepository settings;

    @Inject
    private OrganizationRepository organizations;

    @Inject
    private MasterKey masterKey;

    @jakarta.ejb.EJB
    private OrganizationService organizationService;

    @Inject
    private TeamsGraph graph;

    private final Clock clock = Clock.systemUTC();

    @jakarta.ejb.EJB
    private TeamsCallSubscriptionStore callSubscriptions;

    /** The organization's subscription to its Teams call records (call quality), if it has Teams settings. */
    public Optional<CallSubscriptionView> callSubscription(@NotNull Actor actor, @NotNull UUID organizationId) {
        requireMayManage(actor, organizationId);
        return callSubscriptions.view(organizationId);
    }

    /** The organization's settings, if it has any. */
    public Optional<TeamsSettingsView> find(@NotNull Actor actor, @NotNull UUID organizationId) {
        requireMayManage(actor, organizationId);
        return settings.find(organizationId).map(this::view);
    }

    /**
     * Stores the organization's settings (a new certificate or secret replaces the one held).
     *
     * @throws InvalidValueException a value is wrong, or the first settings come without a credential
     */
    public TeamsSettingsView save(@NotNull Actor actor, @NotNull UUID organizationId,
                                  @NotNull TeamsSettingsChange change) {
        requireMayManage(actor, organizationId);
        organizations.find(organizationId).orElseThrow(() -> new ConflictException("This organization no longer exists.")
                .worded("organization.gone"));
        Instant now = clock.instant();
        Optional<TeamsSettings> existing = settings.find(organizationId);
        TeamsSettings s = existing.orElseGet(() -> new TeamsSettings(organizationId, change.tenantId(),
                change.clientId(), change.organizer(), change.lobbyBypass(), change.meetingChat(),
                change.entryExitAnnounced(), actor.username(), now));
        existing.ifPresent(e -> e.change(change.tenantId(), change.clientId(), change.organizer(), change.lobbyBypass(),
                change.meetingChat(), change.entryExitAnnounced(), actor.username(), now));
        if (change.clinicianSignIn() != null) {
            s.clinicianSignIn(change.clinicianSignIn(), actor.username(), now);
        }
        String pem = blankToNull(change.certificatePem());
        String secret = blankToNull(change.clientSecret());
        if (pem != null && secret != null) {
            throw new InvalidValueException("credential", "Give either a certificate or a client secret, not both.")
                    .worded("teams.credential.both");
        }
        if (pem != null) {
            GraphCredential.Certificate certificate;
            try {
                certificate = CertificatePem.parse(pem);
            } catch (CertificatePem.Unusable e) {
                InvalidValueException refusal = new InvalidValueException("certificate", e.getMessage());
                throw switch (e.reason()) {
                    case "encryptedKey" -> refusal.worded("teams.certificate.encryptedKey");
                    case "notBoth" -> refusal.worded("teams.certificate.notBoth");
                    case "notX509" -> refusal.worded("teams.certificate.notX509");
                    case "notRsa" -> refusal.worded("teams.certificate.notRsa");
                    case "keyUnreadable" -> refusal.worded("teams.certificate.keyUnreadable");
                    case "keyMismatch" -> refusal.worded("teams.certificate.keyMismatch");
                    default -> refusal.worded("teams.certificate.damaged");
                };
            }
            if (certificate.certificate().getNotAfter().toInstant().isBefore(now)) {
                throw new InvalidValueException("certificate", "This certificate expired on "
                        + certificate.certificate().getNotAfter().toInstant() + ". Upload a valid one.")
                        .worded("teams.certificate.expired",
                                certificate.certificate().getNotAfter().toInstant().toString().substring(0, 10));
            }
            try {
                s.useCertificate(masterKey.sealer().seal(PURPOSE + organizationId, certificate.privateKey().getEncoded()),
                        Base64.getEncoder().encodeToString(certificate.certificate().getEncoded()),
                        certificate.certificate().getNotAfter().toInstant(), actor.username(), now);
            } catch (CertificateEncodingException e) {
                throw new InvalidValueException("certificate", "The certificate cannot be stored.")
                        .worded("teams.certificate.notStored");
            }
        } else if (secret != null) {
            if (secret.length() > 1024 || secret.chars().anyMatch(Character::isISOControl)) {
                throw new InvalidValueException("clientSecret", "Enter the client secret's Value as Entra showed it.")
                        .worded("teams.secret.invalid");
            }
            s.useSecret(masterKey.sealer().seal(PURPOSE + organizationId, secret.getBytes(StandardCharsets.UTF_8)),
                    actor.username(), now);
        } else if (!s.hasCredential()) {
            throw new InvalidValueException("credential", "Upload the certificate with its private key (preferred) "
                    + "or enter a client secret: OpenVisit needs one to sign in to Microsoft Entra.")
                    .worded("teams.credential.missing");
        }
        if (existing.isEmpty()) {
            settings.add(s);
        }
        LOG.info(() -> "Teams settings of organization " + organizationId + " saved by " + actor.username()
                + " (" + s.credentialKind() + ")");
        return view(s);
    }

    /**
     * Chooses where the organization's new visits meet (existing visits keep theirs): Microsoft Teams only once its
     * settings are stored.
     *
     * @throws InvalidValueException Teams without settings, or a platform this installation does not have
     */
    public OrganizationSummary usePlatform(@NotNull Actor actor, @NotNull UUID organizationId, @NotNull String platform) {
        requireMayManage(actor, organizationId);
        if (TEAMS.equals(platform) && settings.find(organizationId).filter(TeamsSettings::hasCredential).isEmpty()) {
            throw new InvalidValueException("meetingPlatform", "Save the Teams settings first: without them no "
                    + "Teams meeting can be made.").worded("teams.settingsFirst");
        }
        OrganizationSummary chosen = organizationService.chooseMeetingPlatform(organizationId, platform);
        LOG.info(() -> "Organization " + organizationId + " holds its new visits on " + platform + " (chosen by "
                + actor.username() + ")");
        return chosen;
    }

    /**
     * Test connection: a real token request to the organization's tenant, the token's application permissions read
     * ({@link TokenRoles}: each one OpenVisit uses, granted or missing), and a createOrGet of the one check meeting
     * ({@value #CHECK_EXTERNAL_ID}) for the organizer, which needs exactly what a launch needs (the permission, its
     * consent and the application access policy) and makes at most one meeting, ever, per organizer.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public ConnectionCheck check(@NotNull Actor actor, @NotNull UUID organizationId) {
        requireMayManage(actor, organizationId);
        Instant now = clock.instant();
        Optional<java.util.Set<String>> roles = Optional.empty();
        try {
            TeamsConnection connection = connection(organizationId);
            graph.client().tokens().forget(connection.app()); // a real token request, not the cached one
            roles = TokenRoles.of(graph.client().tokens().accessToken(connection.app()));
            graph.client().createOrGet(connection.app(), connection.organizer(), new OnlineMeetingRequest(
                    CHECK_EXTERNAL_ID, "OpenVisit connection check", connection.lobbyBypass().graphScope(),
                    connection.entryExitAnnounced(), connection.meetingChat().graphValue(), null, null));
            return new ConnectionCheck(true, null, "", now, roles.isPresent(),
                    roles.map(PermissionGrant::all).orElse(List.of()));
        } catch (GraphFailure f) {
            return new ConnectionCheck(false, f.kind(), f.getMessage(), now, roles.isPresent(),
                    roles.map(PermissionGrant::all).orElse(List.of()));
        }
    }

    /**
     * The organization's settings with the credential opened, for the meeting platform.
     *
     * @throws GraphFailure {@link GraphFailure.Kind#NOT_CONFIGURED} when it has none (or they cannot be opened)
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public TeamsConnection connection(@NotNull UUID organizationId) {
        TeamsSettings s = settings.find(organizationId).filter(TeamsSettings::hasCredential)
                .orElseThrow(() -> new GraphFailure(GraphFailure.Kind.NOT_CONFIGURED, "This organization's visits "
                        + "are set to Microsoft Teams, but its Teams settings are missing. An administrator enters "
                        + "them on the organization's Teams settings page."));
        GraphCredential credential;
        try {
            byte[] opened = masterKey.sealer().unseal(PURPOSE + organizationId, s.sealedCredential());
            credential = s.credentialKind() == TeamsSettings.CredentialKind.SECRET
                    ? new GraphCredential.ClientSecret(new String(opened, StandardCharsets.UTF_8))
                    : CertificatePem.of(Base64.getDecoder().decode(s.certificate().orElseThrow()), opened);
        } catch (IllegalStateException | CertificatePem.Unusable | java.util.NoSuchElementException e) {
            throw new GraphFailure(GraphFailure.Kind.NOT_CONFIGURED, "This organization's Teams credential cannot be "
                    + "opened with this installation's master key; enter the certificate or secret again.");
        }
        return new TeamsConnection(new GraphApp(s.tenantId(), s.clientId(), credential), s.organizer(),
                s.lobbyBypass(), s.meetingChat(), s.entryExitAnnounced());
    }

    private TeamsSettingsView view(TeamsSettings s) {
        String thumbprint = s.certificate().map(der -> {
            try {
                return java.util.HexFormat.of().withUpperCase().formatHex(java.security.MessageDigest
                        .getInstance("SHA-1").digest(Base64.getDecoder().decode(der)));
            } catch (java.security.NoSuchAlgorithmException e) {
                return "";
            }
        }).orElse(null);
        return new TeamsSettingsView(s.organizationId(), s.tenantId(), s.clientId(), s.credentialKind(), thumbprint,
                s.certificateExpiresAt().orElse(null), s.organizer(), s.lobbyBypass(), s.meetingChat(),
                s.entryExitAnnounced(), s.updatedAt(), s.updatedBy(), s.clinicianSignIn());
    }

    private static void requireMayManage(Actor actor, UUID organizationId) {
        if (!actor.hasRole(Role.OPERATOR) && !actor.hasRoleIn(Role.ORG_ADMIN, organizationId)) {
            throw new ForbiddenException("Only an operator or an administrator (ORG_ADMIN) of the organization may "
                    + "see and change its Teams settings.").worded("teams.forbidden");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
