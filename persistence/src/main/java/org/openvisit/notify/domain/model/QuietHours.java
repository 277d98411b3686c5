package org.openvisit.notify.domain.model;

import org.openvisit.shared.domain.model.InvalidValueException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The hours of the day, in the endpoint's time zone, in which no SMS is sent to patients (for example 21:00 to
 * 08:00, over midnight, or 12:00 to 13:00). A message due in them waits for their end. None: messages go when due.
 * Whole minutes; the start belongs to the quiet hours, the end does not.
 */
public record QuietHours(LocalTime from, LocalTime until) {

    private static final QuietHours NONE = new QuietHours(null, null);

    public QuietHours {
        if ((from == null) != (until == null)) {
            throw new InvalidValueException("quietHours", "Quiet hours need both a start and an end, or neither.")
                    .worded("sms.quiet.both");
        }
        if (from != null && from.equals(until)) {
            throw new InvalidValueException("quietHours", "Quiet hours must start and end at different times.")
                    .worded("sms.quiet.same");
        }
    }

    public static QuietHours none() {
        return NONE;
    }

    /**
     * From the page's or the API's text ({@code HH:mm}; both blank: none).
     *
     * @throws InvalidValueException one of the two missing, not a time of day, or the same time twice
     */
    public static QuietHours of(String from, String until) {
        boolean noFrom = from == null || from.isBlank();
        boolean noUntil = until == null || until.isBlank();
        if (noFrom && noUntil) {
            return NONE;
        }
        return new QuietHours(noFrom ? null : time(from), noUntil ? null : time(until));
    }

    private static LocalTime time(String text) {
        try {
            LocalTime t = LocalTime.parse(text.strip());
            if (t.getSecond() != 0 || t.getNano() != 0) {
                throw new InvalidValueException("quietHours", "Quiet hours are whole minutes, such as 21:00.")
                        .worded("sms.quiet.minutes");
            }
            return t;
        } catch (DateTimeParseException e) {
            throw new InvalidValueException("quietHours", "Write the quiet hours as times of day, such as 21:00 "
                    + "and 08:00.").worded("sms.quiet.format");
        }
    }

    public boolean isNone() {
        return from == null;
    }

    /** When the quiet hours that {@code at} falls in end; empty when {@code at} is not in quiet hours. */
    public Optional<Instant> endIfQuiet(Instant at, ZoneId zone) {
        if (isNone()) {
            return Optional.empty();
        }
        ZonedDateTime local = at.atZone(zone);
        LocalTime time = local.toLocalTime();
        LocalDate day = local.toLocalDate();
        boolean overMidnight = from.isAfter(until);
        boolean quiet = overMidnight ? !time.isBefore(from) || time.isBefore(until)
                : !time.isBefore(from) && time.isBefore(until);
        if (!quiet) {
            return Optional.empty();
        }
        LocalDate endDay = overMidnight && !time.isBefore(from) ? day.plusDays(1) : day;
        // a time that a clock change skips ends the quiet hours at the first moment after the gap
        return Optional.of(ZonedDateTime.of(endDay, until, zone).toInstant());
    }

    /** {@code HH:mm}, or {@code null} for none. */
    public String fromText() {
        return from == null ? null : from.toString();
    }

    public String untilText() {
        return until == null ? null : until.toString();
    }
}
