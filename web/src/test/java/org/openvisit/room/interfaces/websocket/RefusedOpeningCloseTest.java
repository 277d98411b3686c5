package org.openvisit.room.interfaces.websocket;

import jakarta.websocket.CloseReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A socket refused at its opening is closed so that the page knows whether to come back: a busy room is a moment's
 * wait (1013, the page opens its socket again), every other refusal is final (1008, the page says it cannot join).
 */
class RefusedOpeningCloseTest {

    @Test
    void aBusyRoomAsksThePageToTryAgainLater() {
        assertThat(SignalHub.closeCodeFor("BUSY").getCode()).isEqualTo(1013)
                .isEqualTo(CloseReason.CloseCodes.TRY_AGAIN_LATER.getCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"NO_VISIT", "REMOVED", "ENDED", "TOO_MANY", "WRONG_ROLE", "NOT_ADMITTED", "busy", ""})
    void everyOtherRefusalIsFinal(String reasonCode) {
        assertThat(SignalHub.closeCodeFor(reasonCode).getCode()).isEqualTo(1008);
    }
}
