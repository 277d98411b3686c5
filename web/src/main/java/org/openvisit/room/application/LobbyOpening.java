package org.openvisit.room.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * When a visit's lobby opens for patients and guests: {@code openvisit.lobby.opens-minutes-before} (30) minutes before
 * the booked start. Before that a patient who opens the link sees when the appointment is and when the lobby opens
 * (and the page opens the lobby by itself then), instead of waiting in an empty lobby. A visit without a booked time
 * (the EHR did not tell) has its lobby open at once. A value outside 0..10080 (a week) is refused with a warning at
 * start and the default is used.
 */
@ApplicationScoped
public class LobbyOpening {

    public static final int DEFAULT_MINUTES = 30;
    public static final int MAX_MINUTES = 7 * 24 * 60;
    private static final Logger LOG = Logger.getLogger(LobbyOpening.class.getName());

    private final int minutesBefore;

    @Inject
    public LobbyOpening(@ConfigProperty(name = "openvisit.lobby.opens-minutes-before",
            defaultValue = "" + DEFAULT_MINUTES) int minutesBefore) {
        if (minutesBefore < 0 || minutesBefore > MAX_MINUTES) {
            LOG.warning(() -> "openvisit.lobby.opens-minutes-before must be 0 to " + MAX_MINUTES + " minutes, not "
                    + minutesBefore + ": using " + DEFAULT_MINUTES);
            this.minutesBefore = DEFAULT_MINUTES;
        } else {
            this.minutesBefore = minutesBefore;
        }
    }

    /** For CDI's proxy. */
    protected LobbyOpening() {
        this.minutesBefore = DEFAULT_MINUTES;
    }

    public int minutesBefore() {
        return minutesBefore;
    }

    /** When the lobby of an appointment booked for {@code start} opens ({@code null}: no booked time, open now). */
    public Instant opensAt(Instant start) {
        return start == null ? null : start.minus(Duration.ofMinutes(minutesBefore));
    }

    /** Whether a patient at {@code now} is too early for the lobby of an appointment booked for {@code start}. */
    public boolean early(Instant start, Instant now) {
        return start != null && now.isBefore(opensAt(start));
    }
}
