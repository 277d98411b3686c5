package org.openvisit.launch.application;

import jakarta.ejb.ApplicationException;

import java.util.Objects;

/**
 * A launch was refused, for {@link #reason()}. {@link #title()} and the message say it in English for the audit log
 * and the EHR team (the page a person reads is the web layer's, in their language). It is recorded in the audit log
 * before it is thrown. Never carries tokens, codes, state or patient data.
 */
@ApplicationException(rollback = false)
public class LaunchRefusedException extends RuntimeException {

    private final LaunchRefusal reason;
    private final String title;

    public LaunchRefusedException(LaunchRefusal reason, String title, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.title = title;
    }

    public LaunchRefusal reason() {
        return reason;
    }

    /** The code the audit log keeps: the reason's name. */
    public String reasonCode() {
        return reason.name();
    }

    public String title() {
        return title;
    }
}
