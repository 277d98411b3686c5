package org.openvisit.audit.domain.model;

import java.util.Objects;

/**
 * Who acted: a type and, for people who have one, their only identifier: a portal username or an EHR user id
 * (printable, at most {@value #MAX_ID} characters).
 */
public record AuditActor(ActorType type, String id) implements java.io.Serializable {

    public static final int MAX_ID = 255;
    /** A name typed at a sign-in, as the sign-in throttle bounds it. */
    public static final int MAX_TYPED_USERNAME = 64;

    public AuditActor {
        Objects.requireNonNull(type, "type");
        id = id == null || id.isBlank() ? null : AuditText.printable(id.strip(), MAX_ID);
        if (id == null && (type == ActorType.PORTAL_USER || type == ActorType.EHR_USER)) {
            throw new IllegalArgumentException("A " + type + " actor needs an id.");
        }
        if (id != null && (type == ActorType.CLINICIAN || type == ActorType.UNIDENTIFIED || type == ActorType.SYSTEM)) {
            throw new IllegalArgumentException("A " + type + " actor has no id.");
        }
    }

    public static AuditActor portalUser(String username) {
        return new AuditActor(ActorType.PORTAL_USER, username);
    }

    /** A name typed at a sign-in (perhaps no account's): bounded as the sign-in log bounds it; blank: "?". */
    public static AuditActor typedUsername(String typed) {
        String t = typed == null || typed.isBlank() ? "?" : typed.strip();
        return new AuditActor(ActorType.PORTAL_USER, t.length() > MAX_TYPED_USERNAME
                ? t.substring(0, MAX_TYPED_USERNAME) : t);
    }

    public static AuditActor ehrUser(String ehrUserId) {
        return new AuditActor(ActorType.EHR_USER, ehrUserId);
    }

    public static AuditActor clinician() {
        return new AuditActor(ActorType.CLINICIAN, null);
    }

    public static AuditActor unidentified() {
        return new AuditActor(ActorType.UNIDENTIFIED, null);
    }

    /** The EHR user when known, else someone not identified. */
    public static AuditActor ehrUserOrUnidentified(String ehrUserId) {
        return ehrUserId == null || ehrUserId.isBlank() ? unidentified() : ehrUser(ehrUserId);
    }

    public static AuditActor system() {
        return new AuditActor(ActorType.SYSTEM, null);
    }

    /** Whether the actor is a person (a human user in BALP's terms). */
    public boolean isPerson() {
        return type != ActorType.SYSTEM;
    }
}
