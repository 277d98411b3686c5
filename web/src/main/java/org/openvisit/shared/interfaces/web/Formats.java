package org.openvisit.shared.interfaces.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the portal writes times: in UTC, the same for every reader, e.g. "23 Nov 2026, 04:13 UTC". */
@Named("formats")
@ApplicationScoped
public class Formats {

    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    public String instant(Instant instant) {
        return instant == null ? "" : INSTANT.format(instant);
    }
}
