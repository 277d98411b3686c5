package org.openvisit.identity.interfaces.web;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionCookiePolicyTest {

    private static final String PAYARA = "OPENVISIT_SESSION=e41ee2c1b442d80176ba47ae24fe; Path=/; HttpOnly";

    @Test
    void productionModeSendsSameSiteNoneSecurePartitioned() {
        SessionCookiePolicy policy = SessionCookiePolicy.of("production", Optional.empty(), Optional.empty(),
                Optional.empty());
        assertThat(policy.apply(PAYARA)).isEqualTo("OPENVISIT_SESSION=e41ee2c1b442d80176ba47ae24fe; Path=/; "
                + "HttpOnly; Secure; SameSite=None; Partitioned");
    }

    @Test
    void developmentModeOnPlainHttpKeepsLaxWithoutSecure() {
        SessionCookiePolicy policy = SessionCookiePolicy.of("development", Optional.empty(), Optional.empty(),
                Optional.empty());
        assertThat(policy.apply(PAYARA)).isEqualTo("OPENVISIT_SESSION=e41ee2c1b442d80176ba47ae24fe; Path=/; "
                + "HttpOnly; SameSite=Lax");
    }

    @Test
    void developmentModeCanBeGivenTheProductionCookieByConfiguration() {
        SessionCookiePolicy policy = SessionCookiePolicy.of("development", Optional.of(true), Optional.of(" none "),
                Optional.empty());
        assertThat(policy).isEqualTo(new SessionCookiePolicy("OPENVISIT_SESSION", true, "None", true));
        SessionCookiePolicy unpartitioned = SessionCookiePolicy.of("development", Optional.of(true),
                Optional.of("None"), Optional.of(false));
        assertThat(unpartitioned.apply(PAYARA)).endsWith("; HttpOnly; Secure; SameSite=None");
    }

    @Test
    void attributesAlreadyThereAreReplacedNotRepeated() {
        SessionCookiePolicy policy = SessionCookiePolicy.of("production", Optional.empty(), Optional.of("Strict"),
                Optional.empty());
        String container = "OPENVISIT_SESSION=abc; Path=/; secure; HttpOnly;SameSite=Lax;SameSite=Lax; Max-Age=60";
        assertThat(policy.apply(container))
                .isEqualTo("OPENVISIT_SESSION=abc; Path=/; Max-Age=60; HttpOnly; Secure; SameSite=Strict");
        assertThat(policy.apply(policy.apply(container))).isEqualTo(policy.apply(container));
    }

    @Test
    void otherCookiesAreLeftAlone() {
        SessionCookiePolicy policy = SessionCookiePolicy.of("production", Optional.empty(), Optional.empty(),
                Optional.empty());
        assertThat(policy.apply("OTHER=1; Path=/")).isEqualTo("OTHER=1; Path=/");
        assertThat(policy.apply("OPENVISIT_SESSIONX=1")).isEqualTo("OPENVISIT_SESSIONX=1");
        assertThat(policy.apply(null)).isNull();
    }

    @Test
    void combinationsBrowsersWouldRefuseStopTheStart() {
        assertThatThrownBy(() -> SessionCookiePolicy.of("development", Optional.empty(), Optional.of("None"),
                Optional.empty())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("openvisit.session-cookie.secure=true");
        assertThatThrownBy(() -> SessionCookiePolicy.of("production", Optional.of(false), Optional.of("Lax"),
                Optional.of(true))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> SessionCookiePolicy.of("production", Optional.empty(), Optional.of("relaxed"),
                Optional.empty())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("None, Lax or Strict");
    }
}
