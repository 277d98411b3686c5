package org.openvisit.identity.interfaces.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Where a sign-in (password or identity provider) may lead afterwards. */
class SafeRedirectTest {

    @Test
    void pathsInsideTheApplicationAreFollowed() {
        assertThat(SafeRedirect.target("/endpoints.xhtml")).isEqualTo("/endpoints.xhtml");
        assertThat(SafeRedirect.target("/endpoint.xhtml?id=1&x=%2F")).isEqualTo("/endpoint.xhtml?id=1&x=%2F");
    }

    @Test
    void anythingElseLeadsHome() {
        for (String next : new String[] {null, "", " ", "https://evil.example/", "//evil.example/x", "/\\evil.example",
                "evil.example", "/a\r\nSet-Cookie: x=y", "/sign-in.xhtml?next=/x", "/portal/oidc/callback?state=x",
                "/portal/oidc/start?next=/x"}) {
            assertThat(SafeRedirect.target(next)).as(String.valueOf(next)).isEqualTo("/");
        }
    }

    @Test
    void theLanguageSwitcherGoesBackToAnyPageOfTheApplicationOnly() {
        assertThat(SafeRedirect.back("/sign-in.xhtml?next=/account.xhtml")).isEqualTo("/sign-in.xhtml?next=/account.xhtml");
        assertThat(SafeRedirect.back("/users.xhtml")).isEqualTo("/users.xhtml");
        for (String away : new String[]{null, "", "//evil.example.org/x", "https://evil.example.org", "\\\\evil",
                "/a\nLocation: x", "users.xhtml"}) {
            assertThat(SafeRedirect.back(away)).as(String.valueOf(away)).isEqualTo("/");
        }
    }
}
