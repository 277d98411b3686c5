package org.openvisit.tenant.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.openvisit.shared.domain.model.InvalidValueException;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * An organization's Microsoft Teams settings: its app registration in Microsoft Entra (directory id, application
 * id), the credential OpenVisit signs in with, held only sealed (a certificate's private key, preferred, or a client
 * secret; the certificate's public part in the clear), the Teams account that organizes the visits' meetings, and
 * the meeting options. Each value is checked here, where it is set.
 */
@Entity
@Table(name = "teams_settings")
public class TeamsSettings {

    /** How OpenVisit proves it is the app. */
    public enum CredentialKind { CERTIFICATE, SECRET }

    /**
     * Whether clinicians sign in with Microsoft once (at their first Teams launch), and whether their meetings are then
     * made with them as organizer.
     */
    public enum ClinicianSignIn {
        /** Nobody signs in; the configured organizer makes every meeting. */
        OFF,
        /** Each clinician signs in once; the configured organizer still makes the meetings. */
        LINK,
        /** Each clinician signs in once; from then on the meetings of visits they open are theirs. */
        ORGANIZER
    }

    /** Who skips the Teams lobby: only the organizer, or everyone of the organizer's organization (Graph's scope). */
    public enum LobbyBypass {
        ORGANIZER("organizer"), ORGANIZATION("organization");

        private final String graphScope;

        LobbyBypass(String graphScope) {
            this.graphScope = graphScope;
        }

        public String graphScope() {
            return graphScope;
        }
    }

    /** The meeting chat: on, off, or only while the meeting runs (Graph's allowMeetingChat). */
    public enum MeetingChat {
        ENABLED("enabled"), DISABLED("disabled"), LIMITED("limited");

        private final String graphValue;

        MeetingChat(String graphValue) {
            this.graphValue = graphValue;
        }

        public String graphValue() {
            return graphValue;
        }
    }

    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern DOMAIN = Pattern.compile("(?=.{4,100}$)[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");
    private static final Pattern UPN = Pattern.compile("(?=.{3,255}$)[^@\\s/\\\\?#%]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");

    @Id
    @Column(name = "organization_id", length = 36, nullable = false, updatable = false)
    private String organizationId;

    @Column(name = "tenant_id", length = 100, nullable = false)
    private String tenantId;

    @Column(name = "client_id", length = 100, nullable = false)
    private String clientId;

    @Enumerated(EnumType.STRING)
    @Column(name = "credential_kind", length = 16, nullable = false)
    private CredentialKind credentialKind;

    @Column(name = "sealed_credential", length = 8000, nullable = false)
    private String sealedCredential;

    @Column(name = "certificate", length = 8000)
    private String certificate;

    @Column(name = "certificate_expires_at")
    private Instant certificateExpiresAt;

    @Column(name = "organizer", length = 255, nullable = false)
    private String organizer;

    @Enumerated(EnumType.STRING)
    @Column(name = "lobby_bypass", length = 32, nullable = false)
    private LobbyBypass lobbyBypass;

    @Enumerated(EnumType.STRING)
    @Column(name = "meeting_chat", length = 16, nullable = false)
    private MeetingChat meetingChat;

    @Column(name = "entry_exit_announced", nullable = false)
    private boolean entryExitAnnounced;

    @Enumerated(EnumType.STRING)
    @Column(name = "clinician_sign_in", length = 16, nullable = false)
    private ClinicianSignIn clinicianSignIn = ClinicianSignIn.OFF;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "updated_by", length = 508, nullable = false)
    private String updatedBy;

    /** Graph's change-notification subscription to /communications/callRecords ({@code null}: none yet). */
    @Column(name = "call_subscription_id", length = 100)
    private String callSubscriptionId;

    /** SHA-256 (hex) of the subscription's clientState: the clientState itself is never stored. */
    @Column(name = "call_client_state_hash", length = 64)
    private String callClientStateHash;

    @Column(name = "call_subscription_expires_at")
    private Instant callSubscriptionExpiresAt;

    /** What went wrong at the last create or renewal (a failure kind's name), {@code null} when it went well. */
    @Column(name = "call_subscription_failure", length = 40)
    private String callSubscriptionFailure;

    @Column(name = "call_subscription_error", length = 500)
    private String callSubscriptionError;

    @Column(name = "call_subscription_checked_at")
    private Instant callSubscriptionCheckedAt;

    protected TeamsSettings() {
        // for JPA
    }

    /** New settings with a sealed credential; see {@link #change} for the checks. */
    public TeamsSettings(UUID organizationId, String tenantId, String clientId, String organizer, LobbyBypass lobbyBypass,
                         MeetingChat meetingChat, boolean entryExitAnnounced, String by, Instant at) {
        this.organizationId = Objects.requireNonNull(organizationId, "organizationId").toString();
        change(tenantId, clientId, organizer, lobbyBypass, meetingChat, entryExitAnnounced, by, at);
    }

    /**
     * Sets the app registration, organizer and options.
     *
     * @throws InvalidValueException a value Entra or Graph could not take, named by its field
     */
    public void change(String tenantId, String clientId, String organizer, LobbyBypass lobbyBypass,
                       MeetingChat meetingChat, boolean entryExitAnnounced, String by, Instant at) {
        String tenant = strip(tenantId);
        if (!GUID.matcher(tenant).matches() && !DOMAIN.matcher(tenant).matches()) {
            throw new InvalidValueException("tenantId", "Enter the Directory (tenant) ID from the app registration's "
                    + "Overview page: a GUID such as 72f988bf-86f1-41af-91ab-2d7cd011db47, or the tenant's domain "
                    + "such as contoso.onmicrosoft.com.").worded("teams.tenantId");
        }
        String client = strip(clientId);
        if (!GUID.matcher(client).matches()) {
            throw new InvalidValueException("clientId", "Enter the Application (client) ID from the app "
                    + "registration's Overview page: a GUID.").worded("teams.clientId");
        }
        String account = strip(organizer);
        if (!GUID.matcher(account).matches() && !UPN.matcher(account).matches()) {
            throw new InvalidValueException("organizer", "Enter the organizer account's object ID (a GUID, from "
                    + "the user's page in Entra) or its sign-in name (user principal name, name@hospital.org).")
                    .worded("teams.organizer");
        }
        if (this.tenantId != null && (!this.tenantId.equalsIgnoreCase(tenant) || !this.clientId.equalsIgnoreCase(client))) {
            forgetCallRecordsSubscription(); // another app or tenant: its subscription is not this app's
        }
        this.tenantId = tenant;
        this.clientId = client.toLowerCase(java.util.Locale.ROOT);
        this.organizer = account;
        this.lobbyBypass = Objects.requireNonNull(lobbyBypass, "lobbyBypass");
        this.meetingChat = Objects.requireNonNull(meetingChat, "meetingChat");
        this.entryExitAnnounced = entryExitAnnounced;
        touch(by, at);
    }

    /** Sets whether clinicians sign in with Microsoft once, and whether they then organize their meetings. */
    public void clinicianSignIn(ClinicianSignIn mode, String by, Instant at) {
        this.clinicianSignIn = Objects.requireNonNull(mode, "mode");
        touch(by, at);
    }

    public ClinicianSignIn clinicianSignIn() {
        return clinicianSignIn;
    }

    /** From now on OpenVisit signs in with this certificate (its private key sealed, its DER in base64). */
    public void useCertificate(String sealedPrivateKey, String certificateBase64, Instant expiresAt, String by,
                               Instant at) {
        this.credentialKind = CredentialKind.CERTIFICATE;
        this.sealedCredential = Objects.requireNonNull(sealedPrivateKey, "sealedPrivateKey");
        this.certificate = Objects.requireNonNull(certificateBase64, "certificateBase64");
        this.certificateExpiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
        touch(by, at);
    }

    /** From now on OpenVisit signs in with this client secret (sealed). */
    public void useSecret(String sealedSecret, String by, Instant at) {
        this.credentialKind = CredentialKind.SECRET;
        this.sealedCredential = Objects.requireNonNull(sealedSecret, "sealedSecret");
        this.certificate = null;
        this.certificateExpiresAt = null;
        touch(by, at);
    }

    /** Whether a credential has been given (settings are stored only with one). */
    public boolean hasCredential() {
        return credentialKind != null && sealedCredential != null;
    }

    /**
     * Graph made (or renewed) the call records subscription {@code subscriptionId} with the clientState whose SHA-256
     * is {@code clientStateHash}, until {@code expiresAt}.
     */
    public void callRecordsSubscribed(String subscriptionId, String clientStateHash, Instant expiresAt, Instant at) {
        if (subscriptionId == null || subscriptionId.isBlank() || subscriptionId.length() > 100) {
            throw new InvalidValueException("subscriptionId", "Graph's subscription id must be 1-100 characters.");
        }
        if (clientStateHash == null || !clientStateHash.matches("[0-9a-f]{64}")) {
            throw new InvalidValueException("clientStateHash", "The clientState is kept as a SHA-256 in hex.");
        }
        this.callSubscriptionId = subscriptionId;
        this.callClientStateHash = clientStateHash;
        this.callSubscriptionExpiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
        this.callSubscriptionFailure = null;
        this.callSubscriptionError = null;
        this.callSubscriptionCheckedAt = Objects.requireNonNull(at, "at");
    }

    /** The subscription was renewed until {@code expiresAt}. */
    public void callRecordsRenewed(Instant expiresAt, Instant at) {
        this.callSubscriptionExpiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
        this.callSubscriptionFailure = null;
        this.callSubscriptionError = null;
        this.callSubscriptionCheckedAt = Objects.requireNonNull(at, "at");
    }

    /** Creating or renewing the subscription failed: {@code failure} names what (for the portal), error in words. */
    public void callRecordsSubscriptionFailed(String failure, String error, Instant at) {
        this.callSubscriptionFailure = Objects.requireNonNull(failure, "failure");
        String e = error == null ? "" : error.replaceAll("\\p{Cntrl}", " ").strip();
        this.callSubscriptionError = e.length() > 500 ? e.substring(0, 500) : e;
        this.callSubscriptionCheckedAt = Objects.requireNonNull(at, "at");
    }

    /**
     * A node takes the subscription's create or renewal at {@code now}, unless another took it less than {@code lease}
     * ago: the others leave it alone meanwhile, so one organization gets one subscription.
     */
    public boolean claimCallRecordsSubscription(Instant now, java.time.Duration lease) {
        if (callSubscriptionCheckedAt != null && callSubscriptionCheckedAt.plus(lease).isAfter(now)) {
            return false;
        }
        callSubscriptionCheckedAt = Objects.requireNonNull(now, "now");
        return true;
    }

    /** The subscription is gone (Graph no longer knows it, or the app changed): the next check makes a new one. */
    public void forgetCallRecordsSubscription() {
        this.callSubscriptionId = null;
        this.callClientStateHash = null;
        this.callSubscriptionExpiresAt = null;
    }

    /** Whether a notification's clientState is the one this subscription was made with (compared in constant time). */
    public boolean acceptsClientState(String clientStateHash) {
        return callClientStateHash != null && clientStateHash != null && java.security.MessageDigest.isEqual(
                callClientStateHash.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                clientStateHash.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    public Optional<String> callSubscriptionId() {
        return Optional.ofNullable(callSubscriptionId);
    }

    public Optional<Instant> callSubscriptionExpiresAt() {
        return Optional.ofNullable(callSubscriptionExpiresAt);
    }

    public Optional<String> callSubscriptionFailure() {
        return Optional.ofNullable(callSubscriptionFailure);
    }

    public Optional<String> callSubscriptionError() {
        return Optional.ofNullable(callSubscriptionError);
    }

    public Optional<Instant> callSubscriptionCheckedAt() {
        return Optional.ofNullable(callSubscriptionCheckedAt);
    }

    private void touch(String by, Instant at) {
        this.updatedBy = Objects.requireNonNull(by, "by");
        this.updatedAt = Objects.requireNonNull(at, "at");
    }

    private static String strip(String value) {
        return value == null ? "" : value.strip();
    }

    public UUID organizationId() {
        return UUID.fromString(organizationId);
    }

    public String tenantId() {
        return tenantId;
    }

    public String clientId() {
        return clientId;
    }

    public CredentialKind credentialKind() {
        return credentialKind;
    }

    public String sealedCredential() {
        return sealedCredential;
    }

    public Optional<String> certificate() {
        return Optional.ofNullable(certificate);
    }

    public Optional<Instant> certificateExpiresAt() {
        return Optional.ofNullable(certificateExpiresAt);
    }

    public String organizer() {
        return organizer;
    }

    public LobbyBypass lobbyBypass() {
        return lobbyBypass;
    }

    public MeetingChat meetingChat() {
        return meetingChat;
    }

    public boolean entryExitAnnounced() {
        return entryExitAnnounced;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public String updatedBy() {
        return updatedBy;
    }
}
