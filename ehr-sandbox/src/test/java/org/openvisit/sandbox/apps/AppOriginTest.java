package org.openvisit.sandbox.apps;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class AppOriginTest {

    @Test
    void aRedirectUriMayBeOnTheLoopbackTwinOfTheRequestOrigin() {
        AppOrigin origin = new AppOrigin(Optional.empty());
        assertThat(origin.candidates("{origin}/launch/callback", "http://localhost:8080/"))
                .containsExactly("http://localhost:8080/launch/callback", "http://127.0.0.1:8080/launch/callback");
        assertThat(origin.candidates("{origin}/launch/callback", "http://127.0.0.1:41234"))
                .containsExactly("http://127.0.0.1:41234/launch/callback", "http://localhost:41234/launch/callback");
    }

    @Test
    void otherHostsAndAConfiguredOriginHaveNoTwin() {
        assertThat(new AppOrigin(Optional.empty()).candidates("{origin}/cb", "https://ehr.example.org"))
                .containsExactly("https://ehr.example.org/cb");
        assertThat(new AppOrigin(Optional.of("https://openvisit.test")).candidates("{origin}/cb", "http://localhost:8080"))
                .containsExactly("https://openvisit.test/cb");
        assertThat(new AppOrigin(Optional.empty()).candidates("https://fixed.example.org/cb", "http://localhost:8080"))
                .containsExactly("https://fixed.example.org/cb");
        assertThat(AppOrigin.loopbackTwin("http://localhost.example.org")).isNull();
        assertThat(AppOrigin.loopbackTwin("http://127.0.0.10:80")).isNull();
    }
}
