package org.openvisit.room.interfaces.websocket;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvelopeTest {

    @Test
    void everyKindOfMessageReadsBackAsWritten() {
        String json = "{\"type\":\"signal\",\"data\":{\"sdp\":\"a|b,c\"}}"; // bars and commas in the JSON are kept
        for (Envelope e : List.of(Envelope.clinicians(json), Envelope.attendee("a-x_1", json),
                Envelope.attendees(List.of("a-1", "a-2"), json), Envelope.allThenClose(json, 4002),
                Envelope.attendee("a-9", json).thenClose(4001))) {
            assertThat(Envelope.parse(e.text())).isEqualTo(e);
        }
    }

    @Test
    void somethingElseOnTheChannelIsRefused() {
        assertThatThrownBy(() -> Envelope.parse("hello")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Envelope.parse("EVERYONE|0||{}")).isInstanceOf(IllegalArgumentException.class);
    }
}
