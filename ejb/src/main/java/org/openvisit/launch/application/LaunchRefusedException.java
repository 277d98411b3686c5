package org.openvisit.launch.application;

import jakarta.ejb.ApplicationException;

/**
 * A launch was refused. {@link #status()} is the HTTP status the launch page answers with,
 * {@link #reasonCode()} the short code written to the audit log, {@link #title()} and the message what
 * the person in front of the EHR reads. It is recorded in the audit log before it is thrown. Never
 * carries tokens, codes, state or patient data.
 */
@ApplicationException(rollback = false)
public class LaunchRefusedException extends RuntimeException {

    private final int status;
    private final String reasonCode;
    private final String title;

    public LaunchRefusedException(int status, String reasonCode, String title, String message) {
        super(message);
        this.status = status;
        this.reasonCode = reasonCode;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String reasonCode() {
        return reasonCode;
    }

    public String title() {
        return title;
    }
}
