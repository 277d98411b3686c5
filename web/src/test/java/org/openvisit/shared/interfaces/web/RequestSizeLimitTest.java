package org.openvisit.shared.interfaces.web;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestSizeLimitTest {

    /** A body of {@code size} bytes. */
    private static ServletInputStream body(long size) {
        return new ServletInputStream() {
            private long left = size;

            @Override
            public int read() {
                return left-- > 0 ? 'x' : -1;
            }

            @Override
            public boolean isFinished() {
                return left <= 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
            }
        };
    }

    @Test
    void aBodyUpToTheLimitIsReadWhole() throws IOException {
        assertThat(new RequestSizeLimit.Counted(body(RequestSizeLimit.MAX_BYTES)).readAllBytes())
                .hasSize((int) RequestSizeLimit.MAX_BYTES);
    }

    @Test
    void oneByteMoreFailsTheRead() {
        assertThatThrownBy(() -> new RequestSizeLimit.Counted(body(RequestSizeLimit.MAX_BYTES + 1)).readAllBytes())
                .isInstanceOf(IOException.class).hasMessageContaining("larger than");
        RequestSizeLimit.Counted byByte = new RequestSizeLimit.Counted(body(RequestSizeLimit.MAX_BYTES + 1));
        assertThatThrownBy(() -> {
            while (byByte.read() >= 0) {
                // read on
            }
        }).isInstanceOf(IOException.class);
    }
}
