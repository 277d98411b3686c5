package org.openvisit.room.application;

import org.junit.jupiter.api.Test;
import org.openvisit.room.domain.model.RoomRefusedException;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.assertThat;

class AttendeeLimitsTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final AttendeeLimits limits = limits();
    private final UUID visit = UUID.randomUUID();

    private AttendeeLimits limits() {
        AttendeeLimits l = new AttendeeLimits(now::get);
        l.connectsPerMinute = 3;
        l.callStepsPerMinute = 4;
        l.deviceTests = 2;
        l.visitStepsPerMinute = 10;
        l.mediaStatesPerMinute = 5;
        return l;
    }

    private String refusal(String attendee, AttendeeLimits.Kind kind) {
        RoomRefusedException e = catchThrowableOfType(() -> limits.take(visit, attendee, kind), RoomRefusedException.class);
        return e == null ? null : e.reasonCode();
    }

    @Test
    void reconnectsAreLimitedPerAttendeeAndMinute() {
        for (int i = 0; i < 3; i++) {
            assertThat(refusal("a", AttendeeLimits.Kind.CONNECT)).isNull();
            now.addAndGet(1_000);
        }
        assertThat(refusal("a", AttendeeLimits.Kind.CONNECT)).isEqualTo("TOO_MANY");
        assertThat(refusal("b", AttendeeLimits.Kind.CONNECT)).as("another attendee has their own count").isNull();
        now.addAndGet(56_999); // 59.999 s after the first
        assertThat(refusal("a", AttendeeLimits.Kind.CONNECT)).as("within the minute of the first").isEqualTo("TOO_MANY");
        now.addAndGet(1);
        assertThat(refusal("a", AttendeeLimits.Kind.CONNECT)).as("a minute after the first").isNull();
        assertThat(refusal("a", AttendeeLimits.Kind.CONNECT)).as("the others are still within it").isEqualTo("TOO_MANY");
    }

    @Test
    void microphoneAndCameraStatesAreLimitedPerAttendeeAndDoNotUseUpTheVisitsSteps() {
        for (int i = 0; i < 5; i++) {
            assertThat(refusal("a", AttendeeLimits.Kind.MEDIA)).isNull();
        }
        assertThat(refusal("a", AttendeeLimits.Kind.MEDIA)).isEqualTo("TOO_MANY");
        assertThat(refusal("b", AttendeeLimits.Kind.MEDIA)).as("another attendee has their own count").isNull();
        for (int i = 0; i < 10; i++) { // the visit's 10 steps a minute are all still there
            assertThat(refusal("c" + i, AttendeeLimits.Kind.CALL)).isNull();
        }
        assertThat(refusal("z", AttendeeLimits.Kind.CALL)).isEqualTo("TOO_MANY");
        now.addAndGet(60_000);
        assertThat(refusal("a", AttendeeLimits.Kind.MEDIA)).as("a minute later").isNull();
    }

    @Test
    void deviceTestsAreLimitedPerAttendeeForTheWholeVisit() {
        assertThat(refusal("a", AttendeeLimits.Kind.DEVICE_TEST)).isNull();
        assertThat(refusal("a", AttendeeLimits.Kind.DEVICE_TEST)).isNull();
        assertThat(refusal("a", AttendeeLimits.Kind.DEVICE_TEST)).isEqualTo("TOO_MANY");
        now.addAndGet(3_600_000);
        assertThat(refusal("a", AttendeeLimits.Kind.DEVICE_TEST)).as("an hour later still").isEqualTo("TOO_MANY");
        limits.forget(visit);
        assertThat(refusal("a", AttendeeLimits.Kind.DEVICE_TEST)).as("a forgotten room starts again").isNull();
    }

    @Test
    void theVisitAsAWholeHasALimitThatManyAttendeesCannotGetRoundTogether() {
        for (int i = 0; i < 10; i++) {
            assertThatCode(() -> limits.take(visit, "p" + UUID.randomUUID(), AttendeeLimits.Kind.CALL))
                    .doesNotThrowAnyException();
        }
        assertThat(refusal("fresh", AttendeeLimits.Kind.CALL)).isEqualTo("TOO_MANY");
        assertThat(catchThrowableOfType(() -> limits.take(UUID.randomUUID(), "fresh", AttendeeLimits.Kind.CALL),
                RoomRefusedException.class)).as("another visit is not affected").isNull();
    }
}
