import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The SMS benchmark's intake client (bench/sms.sh): sends SIU^S12 messages (a booking each: distinct control id and
 * appointment id, a fictional United States mobile number 202-555-01xx, a start days ahead) to a running OpenVisit,
 * one message at a time per connection, waiting for each acknowledgement, and prints messages/s with their ACK and
 * the ACK latency p50/p99/max. Every answer must be an AA; any other is counted and printed.
 * <p>
 * Usage: {@code java SmsBench.java mllp <host> <port> <facility> <messages> <connections> <run-tag>}
 * or {@code java SmsBench.java https <feed URL> <secret> <facility> <messages> <connections> <run-tag>} (the HTTPS
 * feed, {@code POST /api/feeds/hl7v2/<endpoint>} with the HMAC-SHA256 signature header, over keep-alive connections).
 */
public class SmsBench {

    private static final DateTimeFormatter HL7_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmm")
            .withZone(ZoneOffset.UTC);

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String facility = args[3];
        int messages = Integer.parseInt(args[4]);
        int connections = Integer.parseInt(args[5]);
        String tag = args[6];
        List<long[]> perConnection = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger notAa = new AtomicInteger();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        List<Future<?>> done = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int c = 0; c < connections; c++) {
            done.add(pool.submit(() -> {
                long[] latencies = new long[messages];
                int n = 0;
                try (Sender sender = "mllp".equals(mode)
                        ? new Mllp(args[1], Integer.parseInt(args[2]))
                        : new Https(URI.create(args[1]), args[2])) {
                    int i;
                    while ((i = next.getAndIncrement()) < messages) {
                        String control = tag + "-" + i;
                        String message = siu(control, facility, "APT-" + control, i);
                        long start = System.nanoTime();
                        String ack = sender.send(message);
                        latencies[n++] = System.nanoTime() - start;
                        if (!ack.contains("MSA|AA|" + control)) {
                            if (notAa.incrementAndGet() <= 3) {
                                System.out.println("   not AA: " + ack.replace('\r', ' '));
                            }
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                perConnection.add(java.util.Arrays.copyOf(latencies, n));
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        long[] all = perConnection.stream().flatMapToLong(java.util.Arrays::stream).sorted().toArray();
        System.out.printf("   %s, %d connection(s): %,d messages in %.1f s = %,.0f messages/s; ACK latency p50 %.2f ms,"
                        + " p99 %.2f ms, max %.1f ms; answers not AA: %d%n", mode.toUpperCase(), connections, all.length,
                seconds, all.length / seconds, ms(all, 50), ms(all, 99), all[all.length - 1] / 1e6, notAa.get());
        System.out.printf("RESULT %s %d %.1f %.3f %.3f %d%n", mode, connections, all.length / seconds, ms(all, 50),
                ms(all, 99), notAa.get());
    }

    private static double ms(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }

    /** A booking (S12) as an EHR writes it: PID-13 a cell phone in parts (country, area code, local number). */
    static String siu(String control, String facility, String appointment, int i) {
        Instant start = Instant.now().plusSeconds(86_400L * (3 + i % 20)).plusSeconds(900L * (i % 40));
        String local = "55501" + String.format("%02d", i % 100);
        return String.join("\r",
                "MSH|^~\\&|EHR|" + facility + "|OPENVISIT|OV|" + HL7_TIME.format(Instant.now()) + "||SIU^S12|"
                        + control + "|P|2.5.1",
                "SCH|" + appointment + "|" + appointment + "|||||||||^^^" + HL7_TIME.format(start) + "+0000",
                "PID|1||MRN-" + i + "||Bench^Patient||||||||^PRN^CP^^1^202^" + local,
                "RGS|1",
                "AIL|1||Cardiology") + "\r";
    }

    interface Sender extends AutoCloseable {
        String send(String message) throws Exception;
    }

    /** One MLLP connection (VT, message, FS CR), kept open for all its messages as interface engines do. */
    static final class Mllp implements Sender {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;

        Mllp(String host, int port) throws IOException {
            socket = new Socket(host, port);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(60_000);
            out = new java.io.BufferedOutputStream(socket.getOutputStream());
            in = new java.io.BufferedInputStream(socket.getInputStream());
        }

        @Override
        public String send(String message) throws IOException {
            out.write(0x0b);
            out.write(message.getBytes(StandardCharsets.UTF_8));
            out.write(new byte[] {0x1c, 0x0d});
            out.flush();
            ByteArrayOutputStream ack = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1 && b != 0x1c) {
                if (b != 0x0b) {
                    ack.write(b);
                }
            }
            if (b == 0x1c) {
                in.read(); // the CR after FS
            }
            return ack.toString(StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** The HTTPS feed: one HTTP client (keep-alive) per connection, each message signed with the feed secret. */
    static final class Https implements Sender {
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        private final URI url;
        private final javax.crypto.Mac mac;

        Https(URI url, String secret) throws Exception {
            this.url = url;
            mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        }

        @Override
        public String send(String message) throws Exception {
            byte[] body = message.getBytes(StandardCharsets.UTF_8);
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(url)
                    .header("Content-Type", "application/hl7-v2")
                    .header("X-OpenVisit-Signature", "sha256=" + HexFormat.of().formatHex(mac.doFinal(body)))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            return answer.body();
        }

        @Override
        public void close() {
            // the client's connections close with the process (HttpClient.close is Java 21)
        }
    }
}
