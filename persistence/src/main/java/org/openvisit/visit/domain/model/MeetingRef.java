package org.openvisit.visit.domain.model;

import java.util.Objects;

/** A visit's meeting on a meeting platform: which platform, and the platform's id for it. */
public record MeetingRef(String platform, String meetingId) {

    public MeetingRef {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(meetingId, "meetingId");
        if (platform.isBlank() || platform.length() > 32 || meetingId.isBlank() || meetingId.length() > 2048) {
            throw new IllegalArgumentException("A meeting reference needs a platform (up to 32 characters) and an id "
                    + "(up to 2048).");
        }
    }
}
