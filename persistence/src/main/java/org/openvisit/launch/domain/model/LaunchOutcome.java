package org.openvisit.launch.domain.model;

/** Whether a launch opened a visit or was refused. */
public enum LaunchOutcome {
    ACCEPTED,
    REFUSED
}
