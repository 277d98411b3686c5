package org.openvisit.visit.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.openvisit.shared.domain.model.InvalidValueException;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A visit on Microsoft Teams whose meeting's attendance reports OpenVisit reads: the organizer and Graph's meeting id
 * (what the reports are found by), when to read next ({@code null}: never again) and how the last read went. One per
 * visit, made with the visit's meeting.
 */
@Entity
@Table(name = "teams_attendance_watch")
public class TeamsAttendanceWatch {

    public static final int MAX_ORGANIZER_LENGTH = 255;
    public static final int MAX_MEETING_ID_LENGTH = 1024;
    public static final int MAX_ERROR_LENGTH = 500;

    @Id
    @Column(name = "visit_id", length = 36, nullable = false, updatable = false)
    private String visitId;

    @Column(name = "organization_id", length = 36, nullable = false, updatable = false)
    private String organizationId;

    @Column(name = "organizer", length = MAX_ORGANIZER_LENGTH, nullable = false, updatable = false)
    private String organizer;

    @Column(name = "meeting_id", length = MAX_MEETING_ID_LENGTH, nullable = false, updatable = false)
    private String meetingId;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "next_poll_at")
    private Instant nextPollAt;

    @Column(name = "polls", nullable = false)
    private int polls;

    @Column(name = "failures", nullable = false)
    private int failures;

    @Column(name = "last_polled_at")
    private Instant lastPolledAt;

    @Column(name = "last_error", length = MAX_ERROR_LENGTH)
    private String lastError;

    /** SHA-256 (hex) of the meeting's join URL, URL-decoded ({@link #joinUrlHash}): how a call record finds its visit. */
    @Column(name = "join_url_hash", length = 64, updatable = false)
    private String joinUrlHash;

    protected TeamsAttendanceWatch() {
        // for JPA
    }

    private TeamsAttendanceWatch(Visit visit, String organizer, String meetingId, Instant now, Instant firstPoll) {
        if (organizer == null || organizer.isBlank() || organizer.length() > MAX_ORGANIZER_LENGTH) {
            throw new InvalidValueException("organizer", "The organizer must be 1-" + MAX_ORGANIZER_LENGTH
                    + " characters.");
        }
        if (meetingId == null || meetingId.isBlank() || meetingId.length() > MAX_MEETING_ID_LENGTH) {
            throw new InvalidValueException("meetingId", "Graph's meeting id must be 1-" + MAX_MEETING_ID_LENGTH
                    + " characters.");
        }
        this.visitId = visit.id().toString();
        this.organizationId = visit.organizationId().toString();
        this.organizer = organizer;
        this.meetingId = meetingId;
        this.createdAt = Objects.requireNonNull(now, "now");
        this.nextPollAt = Objects.requireNonNull(firstPoll, "firstPoll");
    }

    /** Starts watching the visit's Teams meeting; its reports are first read at {@code firstPoll}. */
    public static TeamsAttendanceWatch of(Visit visit, String organizer, String meetingId, Instant now,
                                          Instant firstPoll) {
        return new TeamsAttendanceWatch(visit, organizer, meetingId, now, firstPoll);
    }

    /** The same, with the meeting's join URL, so that the meeting's call records find the visit. */
    public static TeamsAttendanceWatch of(Visit visit, String organizer, String meetingId, String joinUrl, Instant now,
                                          Instant firstPoll) {
        TeamsAttendanceWatch watch = new TeamsAttendanceWatch(visit, organizer, meetingId, now, firstPoll);
        watch.joinUrlHash = joinUrl == null || joinUrl.isBlank() ? null : joinUrlHash(joinUrl);
        return watch;
    }

    /**
     * The one-way key of a Teams join URL: SHA-256 (hex) of the URL after URL-decoding (Graph's onlineMeeting and
     * callRecord may encode the same URL differently), stripped of blanks.
     */
    public static String joinUrlHash(String joinUrl) {
        String text = joinUrl.strip();
        try {
            text = java.net.URLDecoder.decode(text.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notEncoded) {
            // a stray % is kept as it is
        }
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java", e);
        }
    }

    /** Whether a read is due at {@code now}. */
    public boolean isDue(Instant now) {
        return nextPollAt != null && !nextPollAt.isAfter(now);
    }

    /**
     * This node reads the reports now: no other node takes the watch until {@code until} (a node that dies mid-read
     * leaves it to the next one then).
     */
    public void claim(Instant until) {
        nextPollAt = Objects.requireNonNull(until, "until");
    }

    /** The reports were read at {@code at}; the next read at {@code next} ({@code null}: the watch is over). */
    public void polled(Instant at, Instant next) {
        polls++;
        failures = 0;
        lastError = null;
        lastPolledAt = Objects.requireNonNull(at, "at");
        nextPollAt = next;
    }

    /** Graph refused or could not be reached at {@code at}; the next try at {@code next} ({@code null}: given up). */
    public void failed(Instant at, String error, Instant next) {
        failures++;
        lastPolledAt = Objects.requireNonNull(at, "at");
        String e = error == null ? "" : error.replaceAll("\\p{Cntrl}", " ").strip();
        lastError = e.length() > MAX_ERROR_LENGTH ? e.substring(0, MAX_ERROR_LENGTH) : e;
        nextPollAt = next;
    }

    public UUID visitId() {
        return UUID.fromString(visitId);
    }

    public UUID organizationId() {
        return UUID.fromString(organizationId);
    }

    public String organizer() {
        return organizer;
    }

    public String meetingId() {
        return meetingId;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Optional<Instant> nextPollAt() {
        return Optional.ofNullable(nextPollAt);
    }

    public int polls() {
        return polls;
    }

    public int failures() {
        return failures;
    }

    public Optional<Instant> lastPolledAt() {
        return Optional.ofNullable(lastPolledAt);
    }

    public Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }
}
