package org.openvisit.it.rooms;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small video for Chromium's fake camera ({@code --use-file-for-fake-video-capture}): 160 x 120 pixels, 10 frames a
 * second, a bright bar moving across a grey picture, two seconds that Chromium plays in a loop. Written once per run
 * into the build's output folder ({@code openvisit.it.output}, else {@code target}) as a YUV4MPEG2 file (4:2:0), the
 * format Chromium reads. Public for {@code bench/sfu.sh}, which gives its browsers the same camera.
 */
public final class SmallCamera {

    static final int WIDTH = 160;
    static final int HEIGHT = 120;
    static final int FRAMES = 20;

    private SmallCamera() {
    }

    public static synchronized Path file() {
        Path file = Path.of(System.getProperty("openvisit.it.output", "target")).toAbsolutePath()
                .resolve("small-camera.y4m");
        if (Files.isRegularFile(file)) {
            return file;
        }
        try {
            Path written = Files.createTempFile(file.getParent(), "small-camera", ".y4m");
            try (OutputStream out = Files.newOutputStream(written)) {
                out.write(("YUV4MPEG2 W" + WIDTH + " H" + HEIGHT + " F10:1 Ip A1:1 C420jpeg\n")
                        .getBytes(StandardCharsets.US_ASCII));
                for (int frame = 0; frame < FRAMES; frame++) {
                    out.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
                    out.write(luma(frame));
                    byte[] chroma = new byte[(WIDTH / 2) * (HEIGHT / 2)];
                    java.util.Arrays.fill(chroma, (byte) 128);
                    out.write(chroma); // U
                    out.write(chroma); // V
                }
            }
            Files.move(written, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] luma(int frame) {
        byte[] y = new byte[WIDTH * HEIGHT];
        int barFrom = frame * WIDTH / FRAMES;
        for (int row = 0; row < HEIGHT; row++) {
            for (int col = 0; col < WIDTH; col++) {
                boolean bar = col >= barFrom && col < barFrom + WIDTH / 8;
                y[row * WIDTH + col] = (byte) (bar ? 235 : 96);
            }
        }
        return y;
    }
}
