package org.openvisit.it.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small HTTP client for tests: real requests over loopback, JSON parsed with JSON-P. */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private Http() {
    }

    public static HttpResponse<String> get(URI uri) {
        return send(HttpRequest.newBuilder(uri).GET());
    }

    public static HttpResponse<String> post(URI uri, String contentType, String body) {
        return send(HttpRequest.newBuilder(uri).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** GET as the shared server's first operator. */
    public static HttpResponse<String> getAsOperator(URI uri) {
        return send(HttpRequest.newBuilder(uri).header("Authorization", SharedServer.operatorAuthorization()).GET());
    }

    /** POST as the shared server's first operator. */
    public static HttpResponse<String> postAsOperator(URI uri, String contentType, String body) {
        return send(HttpRequest.newBuilder(uri).header("Authorization", SharedServer.operatorAuthorization())
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("HTTP request failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static JsonObject json(HttpResponse<String> response) {
        return (JsonObject) parse(response.body());
    }

    public static JsonStructure parse(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.read();
        }
    }

    /**
     * A GET of {@code rawPath} exactly as written (an address {@link URI} would refuse, such as a bad percent escape), on
     * a socket of its own; the whole answer as text.
     */
    public static String rawGet(URI base, String rawPath) throws IOException {
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("GET " + rawPath + " HTTP/1.1\r\nHost: " + base.getHost() + ":"
                    + base.getPort() + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /**
     * A request with a body of {@code declared} bytes on a socket of its own, sending only the first bytes of a body over
     * 1 MiB (a server that refuses by the declared length answers without waiting for the rest); the answer as text.
     */
    public static String rawPost(URI base, String path, long declared, String contentType, String... headers) throws IOException {
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            StringBuilder request = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":"
                    + base.getPort() + "\r\nContent-Type: " + contentType + "\r\nContent-Length: " + declared + "\r\n");
            for (String header : headers) {
                request.append(header).append("\r\n");
            }
            request.append("\r\n");
            var out = socket.getOutputStream();
            out.write(request.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.write(new byte[(int) (declared > 1_048_576 ? 16_384 : declared)]);
            out.flush();
            // the answer, then whatever follows within 2 s (the server may keep the connection to skip the unsent rest)
            var in = socket.getInputStream();
            var answer = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    answer.write(buffer, 0, n);
                    socket.setSoTimeout(2_000);
                }
            } catch (java.net.SocketTimeoutException | java.net.SocketException endOfAnswer) {
                if (answer.size() == 0) {
                    throw endOfAnswer;
                }
            }
            return answer.toString(java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
