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
 * A Teams call record Microsoft Graph announced (a change notification on {@code /communications/callRecords}) that
 * OpenVisit still has to read: Graph's call record id, the organization whose subscription announced it, when to read
 * it ({@code null}: given up) and how the last try went. Deleted once read.
 */
@Entity
@Table(name = "teams_call_record")
public class TeamsCallRecord {

    public static final int MAX_ID_LENGTH = 128;
    public static final int MAX_ERROR_LENGTH = 500;

    @Id
    @Column(name = "call_record_id", length = MAX_ID_LENGTH, nullable = false, updatable = false)
    private String callRecordId;

    @Column(name = "organization_id", length = 36, nullable = false, updatable = false)
    private String organizationId;

    @Column(name = "received_at", nullable = false, updatable = false)
    private Instant receivedAt;

    @Column(name = "next_try_at")
    private Instant nextTryAt;

    @Column(name = "failures", nullable = false)
    private int failures;

    @Column(name = "last_error", length = MAX_ERROR_LENGTH)
    private String lastError;

    protected TeamsCallRecord() {
        // for JPA
    }

    /**
     * A call record to read from {@code firstTry} on.
     *
     * @throws InvalidValueException the id is not what Graph gives (a GUID-like id of letters, digits and dashes)
     */
    public TeamsCallRecord(String callRecordId, UUID organizationId, Instant receivedAt, Instant firstTry) {
        if (!usableId(callRecordId)) {
            throw new InvalidValueException("callRecordId", "A call record id is 1-" + MAX_ID_LENGTH
                    + " letters, digits and dashes.");
        }
        this.callRecordId = callRecordId;
        this.organizationId = Objects.requireNonNull(organizationId, "organizationId").toString();
        this.receivedAt = Objects.requireNonNull(receivedAt, "receivedAt");
        this.nextTryAt = Objects.requireNonNull(firstTry, "firstTry");
    }

    /** Whether Graph's call record id can be taken as it is (and so put into a request path). */
    public static boolean usableId(String id) {
        return id != null && id.length() <= MAX_ID_LENGTH && id.matches("[A-Za-z0-9-]+");
    }

    /** This node reads it now; no other node takes it until {@code until}. */
    public void claim(Instant until) {
        nextTryAt = Objects.requireNonNull(until, "until");
    }

    /** Graph refused or could not be reached; the next try at {@code next} ({@code null}: given up). */
    public void failed(String error, Instant next) {
        failures++;
        String e = error == null ? "" : error.replaceAll("\\p{Cntrl}", " ").strip();
        lastError = e.length() > MAX_ERROR_LENGTH ? e.substring(0, MAX_ERROR_LENGTH) : e;
        nextTryAt = next;
    }

    public String callRecordId() {
        return callRecordId;
    }

    public UUID organizationId() {
        return UUID.fromString(organizationId);
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public Optional<Instant> nextTryAt() {
        return Optional.ofNullable(nextTryAt);
    }

    public int failures() {
        return failures;
    }

    public Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }
}
