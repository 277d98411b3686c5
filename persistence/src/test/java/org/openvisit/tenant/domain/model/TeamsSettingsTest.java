package org.openvisit.tenant.domain.model;

import org.junit.jupiter.api.Test;
import org.openvisit.shared.domain.model.InvalidValueException;
import org.openvisit.tenant.domain.model.TeamsSettings.LobbyBypass;
import org.openvisit.tenant.domain.model.TeamsSettings.MeetingChat;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TeamsSettingsTest {

    private static final String GUID = "72f988bf-86f1-41af-91ab-2d7cd011db47";

    private static TeamsSettings settings(String tenant, String client, String organizer) {
        return new TeamsSettings(UUID.randomUUID(), tenant, client, organizer, LobbyBypass.ORGANIZATION,
                MeetingChat.ENABLED, false, "admin", Instant.now());
    }

    @Test
    void takesGuidsDomainsAndSignInNames() {
        assertThat(settings(" " + GUID + " ", GUID, GUID).tenantId()).isEqualTo(GUID);
        assertThat(settings("contoso.onmicrosoft.com", GUID, "dr.visits@contoso.org").organizer())
                .isEqualTo("dr.visits@contoso.org");
    }

    @Test
    void refusesWhatEntraWouldNotKnowNamingTheField() {
        assertThatThrownBy(() -> settings("common/../x", GUID, GUID)).isInstanceOfSatisfying(
                InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("tenantId"));
        assertThatThrownBy(() -> settings(GUID, "my-app", GUID)).isInstanceOfSatisfying(
                InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("clientId"));
        assertThatThrownBy(() -> settings(GUID, GUID, "../admin")).isInstanceOfSatisfying(
                InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("organizer"));
    }

    @Test
    void aSecretReplacesTheCertificate() {
        TeamsSettings s = settings(GUID, GUID, GUID);
        assertThat(s.hasCredential()).isFalse();
        s.useCertificate("sealed", "MIIB", Instant.now(), "admin", Instant.now());
        s.useSecret("sealed-secret", "admin", Instant.now());
        assertThat(s.credentialKind()).isEqualTo(TeamsSettings.CredentialKind.SECRET);
        assertThat(s.certificate()).isEmpty();
        assertThat(s.certificateExpiresAt()).isEmpty();
        assertThat(s.hasCredential()).isTrue();
    }

    @Test
    void theCallRecordsSubscriptionTakesOnlyItsClientStateOneClaimAtATimeAndEndsWithAnotherApp() {
        TeamsSettings s = settings(GUID, GUID, GUID);
        Instant t = Instant.parse("2026-12-06T01:00:00Z");
        String hash = "a".repeat(64);
        assertThat(s.acceptsClientState(hash)).as("no subscription yet").isFalse();
        assertThat(s.claimCallRecordsSubscription(t, java.time.Duration.ofSeconds(60))).isTrue();
        assertThat(s.claimCallRecordsSubscription(t.plusSeconds(30), java.time.Duration.ofSeconds(60))).isFalse();
        assertThat(s.claimCallRecordsSubscription(t.plusSeconds(60), java.time.Duration.ofSeconds(60))).isTrue();
        s.callRecordsSubscribed("sub-1", hash, t.plusSeconds(3600), t);
        assertThat(s.acceptsClientState(hash)).isTrue();
        assertThat(s.acceptsClientState("b".repeat(64))).isFalse();
        assertThat(s.acceptsClientState(null)).isFalse();
        assertThatThrownBy(() -> s.callRecordsSubscribed("sub-2", "the clientState itself", t, t))
                .isInstanceOf(InvalidValueException.class);

        s.callRecordsSubscriptionFailed("CALL_RECORDS_PERMISSION_MISSING", "line\nbreak", t);
        assertThat(s.callSubscriptionFailure()).contains("CALL_RECORDS_PERMISSION_MISSING");
        assertThat(s.callSubscriptionError()).contains("line break");
        s.callRecordsRenewed(t.plusSeconds(7200), t);
        assertThat(s.callSubscriptionFailure()).isEmpty();

        s.change(GUID, GUID, GUID, LobbyBypass.ORGANIZER, MeetingChat.ENABLED, true, "admin", t);
        assertThat(s.callSubscriptionId()).as("same app: kept").contains("sub-1");
        s.change(GUID, "11111111-2222-3333-4444-555555555555", GUID, LobbyBypass.ORGANIZER, MeetingChat.ENABLED,
                true, "admin", t);
        assertThat(s.callSubscriptionId()).as("another app: its subscription is not this one's").isEmpty();
        assertThat(s.acceptsClientState(hash)).isFalse();
    }
}
