package org.openvisit.room.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.openvisit.room.domain.model.RoomRefusedException;

import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * How much one browser may cause in a visit, so a page (or a script posing as one) cannot flood the visit's
 * events and the EHR with them: sockets opened per attendee and minute, call joins/leaves per attendee and
 * minute, device-test results per attendee per visit, and everything together per visit and minute; and microphone /
 * camera states told to the call, per attendee and minute (not recorded, so not counted with the visit's steps). Excess is
 * refused before the room changes (so nothing is recorded or written back) and counted at {@code /metrics} as
 * {@code room_refused_total{kind}}. The counts are in the data grid ({@link StepCounters}): a cluster's nodes share
 * each limit, so a browser whose sockets reach two nodes does not get it twice.
 */
@ApplicationScoped
public class AttendeeLimits {

    /** What a browser can cause; each has its own limit. */
    public enum Kind { CONNECT, CALL, DEVICE_TEST, MEDIA, VISIT }

    @Inject
    @ConfigProperty(name = "openvisit.rooms.limit.connects-per-minute", defaultValue = "20")
    int connectsPerMinute;

    @Inject
    @ConfigProperty(name = "openvisit.rooms.limit.call-steps-per-minute", defaultValue = "20")
    int callStepsPerMinute;

    @Inject
    @ConfigProperty(name = "openvisit.rooms.limit.device-tests", defaultValue = "5")
    int deviceTests;

    /** Microphone and camera on/off told to the others in the call; recorded nowhere, so not a visit step. */
    @Inject
    @ConfigProperty(name = "openvisit.rooms.limit.media-states-per-minute", defaultValue = "30")
    int mediaStatesPerMinute = 30;

    @Inject
    @ConfigProperty(name = "openvisit.rooms.limit.visit-steps-per-minute", defaultValue = "240")
    int visitStepsPerMinute;

    @Inject
    MetricRegistry registry;

    @Inject
    StepCounters counters;

    public AttendeeLimits() {
        // for the container: the counters in the data grid
    }

    /** Outside the container (tests): counted in memory by the given clock. */
    AttendeeLimits(LongSupplier clockMillis) {
        this.counters = new WindowCounters(clockMillis);
    }

    /**
     * Counts one step of {@code kind} by the attendee, and one for the visit.
     *
     * @throws RoomRefusedException (code {@code TOO_MANY}) when either is over its limit
     */
    public void take(UUID visitId, String attendeeId, Kind kind) {
        boolean allowed = switch (kind) {
            case CONNECT -> counters.perMinute(visitId, attendeeId + "|connect", connectsPerMinute);
            case CALL -> counters.perMinute(visitId, attendeeId + "|call", callStepsPerMinute);
            case DEVICE_TEST -> counters.ever(visitId, attendeeId + "|device-test", deviceTests);
            case MEDIA -> counters.perMinute(visitId, attendeeId + "|media", mediaStatesPerMinute);
            case VISIT -> true;
        };
        if (allowed && kind != Kind.MEDIA && !counters.perMinute(visitId, "|visit", visitStepsPerMinute)) {
            kind = Kind.VISIT;
            allowed = false;
        }
        if (!allowed) {
            if (registry != null) {
                registry.counter("room.refused", new Tag("kind", kind.name().toLowerCase(java.util.Locale.ROOT))).inc();
            }
            throw new RoomRefusedException("TOO_MANY", kind == Kind.DEVICE_TEST
                    ? "Your device test has been recorded enough times for this visit."
                    : "Too many steps in a short time. Please wait a minute and try again.");
        }
    }

    /** Forgets the visit's counts (its room was dropped). */
    public void forget(UUID visitId) {
        counters.forget(visitId);
    }
}
