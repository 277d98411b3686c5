package org.openvisit.launch.application;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ContextLinkWindowTest {

    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration SKEW = Duration.ofSeconds(30);

    private static ContextLinkClaims.Window window(Instant nbf, Instant exp) {
        return new ContextLinkClaims("https://ehr", null, null, null, null, "patient", null, nbf, exp)
                .windowAt(NOW, HOUR, SKEW);
    }

    @Test
    void aLinkIsValidFromItsStartToItsEndWithTheClockSkewEitherWay() {
        assertThat(window(NOW.minusSeconds(60), NOW.plusSeconds(240))).isEqualTo(ContextLinkClaims.Window.VALID);
        assertThat(window(NOW.plusSeconds(29), NOW.plusSeconds(300))).isEqualTo(ContextLinkClaims.Window.VALID);
        assertThat(window(NOW.plusSeconds(31), NOW.plusSeconds(300))).isEqualTo(ContextLinkClaims.Window.NOT_YET_VALID);
        assertThat(window(NOW.minusSeconds(300), NOW.minusSeconds(29))).isEqualTo(ContextLinkClaims.Window.VALID);
        assertThat(window(NOW.minusSeconds(300), NOW.minusSeconds(30))).isEqualTo(ContextLinkClaims.Window.EXPIRED);
    }

    @Test
    void aWindowLongerThanAllowedOrBackwardsIsRefused() {
        assertThat(window(NOW, NOW.plus(HOUR))).isEqualTo(ContextLinkClaims.Window.VALID);
        assertThat(window(NOW, NOW.plus(HOUR).plusSeconds(1))).isEqualTo(ContextLinkClaims.Window.TOO_LONG);
        assertThat(window(NOW, NOW.minusSeconds(1))).isEqualTo(ContextLinkClaims.Window.TOO_LONG);
    }

    @Test
    void timesAtTheEdgesOfJavasRangeAreJudgedNotOverflowed() {
        assertThat(window(Instant.MIN, Instant.MIN.plusSeconds(60))).isEqualTo(ContextLinkClaims.Window.EXPIRED);
        assertThat(window(Instant.MAX.minusSeconds(60), Instant.MAX)).isEqualTo(ContextLinkClaims.Window.NOT_YET_VALID);
        assertThat(window(Instant.MIN, Instant.MAX)).isEqualTo(ContextLinkClaims.Window.TOO_LONG);
    }
}
