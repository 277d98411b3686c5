package org.openvisit.it.writeback;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** Plain HTTP for the write-back tests: JSON in and out, a bearer token or a user's password. */
final class WriteBackHttp {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    HttpResponse<String> send(String method, URI uri, String type, String body, String bearer) throws Exception {
        return exchange(method, uri, type, body, bearer == null ? null : "Bearer " + bearer, java.util.Map.of());
    }

    /** With extra request headers. */
    HttpResponse<String> send(String method, URI uri, String type, String body, String bearer,
                              java.util.Map<String, String> headers) throws Exception {
        return exchange(method, uri, type, body, bearer == null ? null : "Bearer " + bearer, headers);
    }

    /** As {@code user} with the password, JSON in and out. */
    HttpResponse<String> asUser(String user, String password, String method, URI uri, String json) throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return exchange(method, uri, json == null ? null : "application/json", json, basic, java.util.Map.of());
    }

    HttpResponse<String> get(URI uri, String accept) throws Exception {
        return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).header("Accept", accept).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A GET as {@code user} with the password (HTTP Basic), e.g. an operator reading {@code /metrics}. */
    HttpResponse<String> getAs(String user, String password, URI uri, String accept) throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).header("Accept", accept)
                .header("Authorization", basic).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> exchange(String method, URI uri, String type, String body, String authorization,
                                          java.util.Map<String, String> headers) throws Exception {
        // two minutes: on the 2-core build machine, with another test class beside it, an answer took over 60 s once
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(120)).header("Accept", "application/json");
        headers.forEach(b::header);
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (body != null) {
            b.header("Content-Type", type).method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpRequest request = b.build();
        if (!"GET".equals(method)) {
            // a request that changes something goes out on a connection of its own: a kept-alive one the server
            // closes just as it is reused ("EOF reached while reading", seen under load) cannot be asked again safely
            return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(request, HttpResponse.BodyHandlers.ofString());
        }
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            if (e instanceof java.net.http.HttpTimeoutException) {
                throw e;
            }
            // a kept-alive connection the server closed just as the request went out ("EOF reached while reading"):
            // a GET is asked once more on a new connection
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
