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
}
