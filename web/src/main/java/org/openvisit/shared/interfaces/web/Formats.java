package org.openvisit.shared.interfaces.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * The one way pages write times: the viewer's language and time zone, with the zone named, e.g. "Dec 4, 2026,
 * 4:13 AM UTC" or "2026年12月4日 12:13 CST". The zone is the browser's, reported by time-zone.js in the cookie
 * {@value #ZONE_COOKIE}; until then (first page, or no script) UTC.
 */
@Named("formats")
@RequestScoped
public class Formats {

    public static final String ZONE_COOKIE = "openvisit-tz";

    @Inject
    private HttpServletRequest request;

    public String instant(Instant instant) {
        return instant == null ? "" : instant(instant, BrowserLanguage.of(request), zone(request));
    }

    /** {@code instant} as the reader of {@code locale} in {@code zone} reads it. */
    public static String instant(Instant instant, Locale locale, ZoneId zone) {
        DateTimeFormatter format = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(locale).withZone(zone);
        String zoneName = ZoneOffset.UTC.equals(zone) ? "UTC" : zone.getDisplayName(TextStyle.SHORT, locale);
        return format.format(instant) + " " + zoneName;
    }

    /** The browser's time zone from its cookie, UTC when there is none or it names no zone. */
    public static ZoneId zone(HttpServletRequest request) {
        if (request.getCookies() != null) {
            for (var cookie : request.getCookies()) {
                if (ZONE_COOKIE.equals(cookie.getName()) && cookie.getValue() != null && cookie.getValue().length() <= 64) {
                    try {
                        return ZoneId.of(cookie.getValue().replace("%2F", "/"));
                    } catch (DateTimeException notAZone) {
                        return ZoneOffset.UTC;
                    }
                }
            }
        }
        return ZoneOffset.UTC;
    }
}
