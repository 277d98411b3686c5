// Refused signalling sockets (bench/refused-sockets.sh): opens N sockets to /visit/<random id>/signal without a
// browser session, CONCURRENCY at a time, each until the server closes it, and prints how many closed with which code.
// Usage: java bench/RefusedSockets.java BASE_URL N [CONCURRENCY=50]
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

public class RefusedSockets {
    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0].replaceFirst("^http", "ws"));
        int n = Integer.parseInt(args[1]);
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        HttpClient client = HttpClient.newHttpClient();
        Map<String, Integer> outcomes = new ConcurrentHashMap<>();
        Semaphore slots = new Semaphore(concurrency);
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            slots.acquire();
            CompletableFuture<Void> done = new CompletableFuture<>();
            client.newWebSocketBuilder()
                    .buildAsync(base.resolve("visit/" + UUID.randomUUID() + "/signal"), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
                            outcomes.merge("closed " + code + " " + reason, 1, Integer::sum);
                            done.complete(null);
                            return null;
                        }

                        @Override
                        public void onError(WebSocket socket, Throwable error) {
                            outcomes.merge("error " + error.getClass().getSimpleName(), 1, Integer::sum);
                            done.complete(null);
                        }
                    })
                    .whenComplete((socket, error) -> {
                        if (error != null) {
                            outcomes.merge("not opened: " + error.getClass().getSimpleName(), 1, Integer::sum);
                            done.complete(null);
                        }
                    });
            done.orTimeout(30, TimeUnit.SECONDS).whenComplete((x, timeout) -> {
                if (timeout != null) {
                    outcomes.merge("no close within 30 s", 1, Integer::sum);
                }
                slots.release();
            });
        }
        slots.acquire(concurrency);
        System.out.printf("%d sockets in %.1f s (%.0f/s): %s%n", n, (System.nanoTime() - start) / 1e9,
                n / ((System.nanoTime() - start) / 1e9), outcomes);
    }
}
