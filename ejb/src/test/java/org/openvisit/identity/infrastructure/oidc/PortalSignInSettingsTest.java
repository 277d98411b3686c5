package org.openvisit.identity.infrastructure.oidc;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PortalSignInSettingsTest {

    private static PortalSignInSettings parse(Map<String, String> values) {
        return PortalSignInSettings.parse(key -> Optional.ofNullable(values.get(key)));
    }

    private static Map<String, String> oidc() {
        Map<String, String> values = new HashMap<>();
        values.put(PortalSignInSettings.MODE_KEY, "oidc");
        values.put(PortalSignInSettings.ISSUER_KEY, "https://login.example.org/realms/hospital");
        values.put(PortalSignInSettings.CLIENT_ID_KEY, "openvisit-portal");
        return values;
    }

    @Test
    void nothingConfiguredMeansBuiltInAccounts() {
        assertThat(parse(Map.of()).mode()).isEqualTo(PortalSignInSettings.Mode.ACCOUNTS);
        assertThat(parse(Map.of(PortalSignInSettings.MODE_KEY, " Accounts ")).oidc()).isFalse();
    }

    @Test
    void anUnknownModeIsAClearStartupError() {
        assertThatThrownBy(() -> parse(Map.of(PortalSignInSettings.MODE_KEY, "ldap")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("openvisit.portal.sign-in").hasMessageContaining("\"ldap\"")
                .hasMessageContaining("\"accounts\"").hasMessageContaining("\"oidc\"");
    }

    @Test
    void oidcWithDefaults() {
        PortalSignInSettings settings = parse(oidc());
        assertThat(settings.oidc()).isTrue();
        assertThat(settings.issuer()).isEqualTo(URI.create("https://login.example.org/realms/hospital"));
        assertThat(settings.clientId()).isEqualTo("openvisit-portal");
        assertThat(settings.clientSecret()).isEmpty();
        assertThat(settings.scopes()).containsExactly("openid", "profile", "email");
        assertThat(settings.scope()).isEqualTo("openid profile email");
        assertThat(settings.usernameClaim()).isEqualTo("preferred_username");
    }

    @Test
    void oidcWithEverythingSetAndTheSecretNeverPrinted() {
        Map<String, String> values = oidc();
        values.put(PortalSignInSettings.CLIENT_SECRET_KEY, "s3cr3t-value");
        values.put(PortalSignInSettings.SCOPES_KEY, "openid, profile  groups");
        values.put(PortalSignInSettings.USERNAME_CLAIM_KEY, "upn");
        PortalSignInSettings settings = parse(values);
        assertThat(settings.clientSecret()).contains("s3cr3t-value");
        assertThat(settings.scopes()).isEqualTo(List.of("openid", "profile", "groups"));
        assertThat(settings.usernameClaim()).isEqualTo("upn");
        assertThat(settings.toString()).doesNotContain("s3cr3t-value").contains("confidential=true");
    }

    @Test
    void oidcNeedsAnIssuerAndAClientId() {
        Map<String, String> noIssuer = oidc();
        noIssuer.remove(PortalSignInSettings.ISSUER_KEY);
        assertThatThrownBy(() -> parse(noIssuer)).hasMessageContaining("openvisit.oidc.issuer");
        Map<String, String> noClient = oidc();
        noClient.put(PortalSignInSettings.CLIENT_ID_KEY, "  ");
        assertThatThrownBy(() -> parse(noClient)).hasMessageContaining("openvisit.oidc.client-id");
    }

    @Test
    void badIssuersAndScopesWithoutOpenidAreRefused() {
        for (String bad : new String[] {"login.example.org", "ftp://login.example.org", "https://x.example/?a=b",
                "https://user@x.example/", "not a url"}) {
            Map<String, String> values = oidc();
            values.put(PortalSignInSettings.ISSUER_KEY, bad);
            assertThatThrownBy(() -> parse(values)).as(bad).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("openvisit.oidc.issuer");
        }
        Map<String, String> values = oidc();
        values.put(PortalSignInSettings.SCOPES_KEY, "profile email");
        assertThatThrownBy(() -> parse(values)).hasMessageContaining("openid");
    }
}
