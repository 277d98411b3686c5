package org.openvisit.room.application;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * The selective forwarding unit a group visit moves to when more people are admitted than a browser mesh carries
 * (a port; the adapter is Janus's VideoRoom). OpenVisit stays the only authority on who may publish and subscribe:
 * the SFU room of a visit exists only while the room needs it, and each admitted person gets an access of their own
 * that is revoked when they are removed and when the visit ends. Every method may throw
 * {@link SfuUnavailableException}; none of them logs a token.
 */
public interface SfuRooms {

    /** Whether group visits may move to the SFU at all ({@code openvisit.rooms.sfu.enabled}). */
    boolean enabled();

    /** How many admitted people the mesh holds; one more and the room moves to the SFU (4). */
    int meshLimit();

    /** How many people an SFU call holds with video (12). */
    int callLimit();

    /**
     * How many people an SFU call holds in all (50): beyond {@link #callLimit()} patients and guests join watching,
     * receiving the clinicians' video and audio and sending nothing.
     */
    int watchLimit();

    /** Opens the visit's SFU room (made when there is none) and lets each of {@code attendeeIds} in. */
    Map<String, SfuAccess> open(UUID visitId, Collection<String> attendeeIds);

    /** Lets one more admitted person into the visit's SFU room (made when there is none). */
    SfuAccess admit(UUID visitId, String attendeeId);

    /** The person was removed: their access stops working and their publication and subscriptions are closed. */
    void revoke(UUID visitId, String attendeeId);

    /** The visit ended: the SFU room is destroyed and every access given in it stops working. */
    void close(UUID visitId, Collection<String> attendeeIds);

    /**
     * What one browser needs to publish to and subscribe from the SFU: the SFU's address for browsers, the room, the
     * participant id it must publish as, and its own token (secret: for that browser only, never logged).
     */
    record SfuAccess(String url, String room, String participant, String token) {
    }

    /** Group visits stay at the mesh's size (no SFU configured). */
    SfuRooms NONE = new SfuRooms() {
        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public int meshLimit() {
            return 4;
        }

        @Override
        public int callLimit() {
            return 4;
        }

        @Override
        public int watchLimit() {
            return 4;
        }

        @Override
        public Map<String, SfuAccess> open(UUID visitId, Collection<String> attendeeIds) {
            throw new SfuUnavailableException("No group video server (SFU) is configured.");
        }

        @Override
        public SfuAccess admit(UUID visitId, String attendeeId) {
            throw new SfuUnavailableException("No group video server (SFU) is configured.");
        }

        @Override
        public void revoke(UUID visitId, String attendeeId) {
            // nothing was given
        }

        @Override
        public void close(UUID visitId, Collection<String> attendeeIds) {
            // nothing was opened
        }
    };
}
