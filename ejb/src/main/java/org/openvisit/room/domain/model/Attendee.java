package org.openvisit.room.domain.model;

import org.openvisit.visit.domain.model.AttendeeRole;

import java.util.Objects;

/**
 * One person in a room, known only by the opaque id OpenVisit gave their browser session for this
 * visit and their role. Clinicians are admitted from the start; patients and guests wait until a
 * clinician admits them, and stay admitted when they come back (a reload, a short network loss).
 * Mutated only by its {@link Room}, under the room's lock.
 */
public final class Attendee {

    private final String id;
    private final AttendeeRole role;
    private AttendeeState state;
    private boolean admitted;
    private String socketId;
    private String joinLinkId;
    /**
     * In the call as a watcher (receives the clinicians' video and audio, sends nothing: the SFU's places with video
     * were taken): their turn, counted from 1 in the order people began watching; 0 when not watching.
     */
    private int watchTurn;

    Attendee(String id, AttendeeRole role) {
        this.id = Objects.requireNonNull(id, "id");
        this.role = Objects.requireNonNull(role, "role");
        this.admitted = role.isClinician();
        this.state = AttendeeState.LEFT;
    }

    public String id() {
        return id;
    }

    public AttendeeRole role() {
        return role;
    }

    public AttendeeState state() {
        return state;
    }

    public boolean admitted() {
        return admitted;
    }

    /** The socket that currently speaks for this attendee, or {@code null} when no page is open. */
    public String socketId() {
        return socketId;
    }

    /** What people see of this attendee: a role, never a name. */
    public String displayName() {
        return switch (role) {
            case PROVIDER -> "Clinician";
            case STAFF -> "Care team";
            case PATIENT -> "Patient";
            case GUEST -> "Guest";
        };
    }

    /** The random id of the join link this attendee came by, or {@code null} (a SMART launch). */
    public String joinLinkId() {
        return joinLinkId;
    }

    void joinLink(String linkId) {
        joinLinkId = linkId;
    }

    /** Whether this attendee is in the call only watching: the clinicians' video and audio, nothing sent. */
    public boolean watching() {
        return watchTurn > 0;
    }

    /** When this watcher began watching, as a turn (1, 2, …: the earlier, the sooner a freed place is theirs); 0 if not. */
    public int watchTurn() {
        return watchTurn;
    }

    void state(AttendeeState next) {
        state = next;
        if (next != AttendeeState.IN_CALL) {
            watchTurn = 0; // a watcher who leaves the call is no longer one; the next join decides again
        }
    }

    void watch(int turn) {
        watchTurn = turn;
    }

    void admit() {
        admitted = true;
    }

    void socket(String socket) {
        socketId = socket;
    }

    /** A copy that does not change when the room moves on (for pages and messages). */
    public AttendeeView view() {
        return new AttendeeView(id, role, state, admitted, displayName(), watching());
    }
}
