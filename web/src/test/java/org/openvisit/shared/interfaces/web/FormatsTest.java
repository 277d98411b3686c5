package org.openvisit.shared.interfaces.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** Times in the reader's language and time zone, with the zone named; a bad zone cookie falls back to UTC. */
class FormatsTest {

    private static final Instant AT = Instant.parse("2026-12-04T04:13:00Z");

    @Test
    void eachLanguageWritesTheTimeItsOwnWay() {
        assertThat(Formats.instant(AT, Locale.ENGLISH, ZoneOffset.UTC)).contains("2026").contains("4:13").endsWith(" UTC");
        assertThat(Formats.instant(AT, BrowserLanguage.SIMPLIFIED_CHINESE, ZoneOffset.UTC)).contains("2026年12月4日");
        assertThat(Formats.instant(AT, BrowserLanguage.TRADITIONAL_CHINESE, ZoneOffset.UTC)).contains("2026年12月4日");
        assertThat(Formats.instant(AT, BrowserLanguage.RUSSIAN, ZoneOffset.UTC)).contains("4 дек").contains("4:13");
    }

    @Test
    void theReadersTimeZoneMovesTheClock() {
        String taipei = Formats.instant(AT, BrowserLanguage.TRADITIONAL_CHINESE, ZoneId.of("Asia/Taipei"));
        assertThat(taipei).contains("12:13").doesNotContain("UTC");
        assertThat(Formats.instant(AT, BrowserLanguage.RUSSIAN, ZoneId.of("Europe/Moscow"))).contains("7:13");
    }

    @Test
    void theZoneComesFromTheBrowsersCookieAndABadOneIsUtc() {
        assertThat(Formats.zone(request("Asia%2FTaipei"))).isEqualTo(ZoneId.of("Asia/Taipei"));
        assertThat(Formats.zone(request("Europe/Moscow"))).isEqualTo(ZoneId.of("Europe/Moscow"));
        assertThat(Formats.zone(request("Mars/Olympus"))).isEqualTo(ZoneOffset.UTC);
        assertThat(Formats.zone(request("../../etc"))).isEqualTo(ZoneOffset.UTC);
        assertThat(Formats.zone(request("x".repeat(200)))).isEqualTo(ZoneOffset.UTC);
        assertThat(Formats.zone(request(null))).isEqualTo(ZoneOffset.UTC);
    }

    private static HttpServletRequest request(String zone) {
        return (HttpServletRequest) Proxy.newProxyInstance(FormatsTest.class.getClassLoader(),
                new Class<?>[]{HttpServletRequest.class}, (p, method, args) -> method.getName().equals("getCookies")
                        && zone != null ? new Cookie[]{new Cookie(Formats.ZONE_COOKIE, zone)} : null);
    }
}
