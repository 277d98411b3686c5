package org.openvisit.room.interfaces.websocket;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import jakarta.json.JsonObject;
import org.openvisit.room.domain.model.RoomRefusedException;
import org.openvisit.visit.domain.model.QualitySample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A signalling frame is whatever a page (or a script posing as one) sends: it is read as a message or refused, and
 * the parts that are stored — the device test's words, the call figures — come out as words and figures in range,
 * never as an exception the socket would die of. Half of the inputs are a JSON object with fuzzed fields, so the
 * reading past the JSON parser is fuzzed too.
 */
class SignalFrameFuzzTest {

    @FuzzTest(maxDuration = "3s")
    void anyFrameIsAMessageOrARefusal(FuzzedDataProvider data) {
        String text = data.consumeBoolean()
                ? "{\"type\":\"" + data.pickValue(new String[]{"stats", "device-test", "signal", "x"}) + "\",\"rtt\":"
                + data.consumeString(12) + ",\"loss\":" + data.consumeDouble() + ",\"route\":\"" + data.consumeString(10)
                + "\",\"result\":" + data.consumeRemainingAsString() + "}"
                : data.consumeRemainingAsString();
        JsonObject m;
        try {
            m = SignalFrame.read(text);
        } catch (RoomRefusedException refused) {
            assertThat(refused.reasonCode()).isEqualTo("BAD_MESSAGE");
            return;
        } catch (RuntimeException e) {
            fail("a frame ended in " + e + " instead of a message or a refusal", e);
            return;
        }
        try {
            assertThat(SignalFrame.type(m)).isNotNull();
            QualitySample figures = SignalFrame.figures(m);
            assertThat(figures.level()).isNotNull();
            if (figures.lossPercent() != null) {
                assertThat(figures.lossPercent()).isBetween(0.0, 100.0);
            }
            if (figures.rttMs() != null) {
                assertThat(figures.rttMs()).isBetween(0.0, 60_000.0);
            }
            assertThat(SignalFrame.deviceTestWords(m)).contains("Camera");
        } catch (RoomRefusedException refused) {
            assertThat(refused.reasonCode()).isEqualTo("BAD_MESSAGE");
        } catch (RuntimeException e) {
            fail("a frame's fields ended in " + e + " instead of words, figures or a refusal", e);
        }
        try {
            assertThat(SignalFrame.mediaState(m)).isNotNull();
        } catch (RoomRefusedException refused) {
            assertThat(refused.reasonCode()).isEqualTo("BAD_MESSAGE");
        } catch (RuntimeException e) {
            fail("a media frame ended in " + e + " instead of a state or a refusal", e);
        }
    }

    @org.junit.jupiter.api.Test
    void aMediaStateIsTwoBooleansAndNothingElse() {
        assertThat(SignalFrame.mediaState(SignalFrame.read("{\"type\":\"media\",\"audio\":false,\"video\":true}")))
                .isEqualTo(new SignalFrame.MediaState(false, true));
        for (String bad : new String[]{"{\"audio\":\"false\",\"video\":true}", "{\"audio\":0,\"video\":true}",
                "{\"video\":true}", "{\"audio\":null,\"video\":false}", "{\"audio\":true,\"video\":[true]}"}) {
            RoomRefusedException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                    () -> SignalFrame.mediaState(SignalFrame.read(bad)), RoomRefusedException.class);
            assertThat(e).as(bad).isNotNull();
            assertThat(e.reasonCode()).isEqualTo("BAD_MESSAGE");
        }
    }
}
