package org.openvisit.it.sandbox;

import jakarta.json.JsonObject;
import org.openvisit.it.support.Http;
import org.openvisit.it.support.SharedServer;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/** The sandbox's addresses on the shared server, and what a SMART client does against them (PKCE, forms, tokens). */
final class Sandbox {

    private static final java.time.Duration DEPLOY_TIMEOUT = java.time.Duration.ofMinutes(2);

    static {
        awaitDeployed();
    }

    private Sandbox() {
    }

    /**
     * The shared server is ready when OpenVisit is; the sandbox WAR deploys after it, so wait until
     * its CapabilityStatement answers.
     */
    private static void awaitDeployed() {
        URI metadata = SharedServer.sandboxUri().resolve("fhir/metadata");
        long deadline = System.nanoTime() + DEPLOY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = Http.get(metadata);
                if (response.statusCode() == 200 && response.body().contains("CapabilityStatement")) {
                    return;
                }
            } catch (IllegalStateException notYet) {
                // connection refused or reset while deploying
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("the EHR sandbox did not deploy within " + DEPLOY_TIMEOUT);
    }

    static URI at(String path) {
        return SharedServer.sandboxUri().resolve(path);
    }

    /** The origin the tests reach the server on, e.g. {@code http://127.0.0.1:41234}. */
    static String origin() {
        String base = SharedServer.baseUri().toString();
        return base.substring(0, base.length() - 1);
    }

    static String fhirBase() {
        return origin() + "/ehr-sandbox/fhir";
    }

    static String callback() {
        return origin() + "/launch/callback";
    }

    static String newVerifier() {
        byte[] bytes = new byte[48];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String challengeOf(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Presses "Begin virtual visit" on the EHR screen and answers where the browser is sent. */
    static URI beginVirtualVisit(String user, String appointment) {
        HttpResponse<String> response = Http.get(at("ehr/launch?user=" + encode(user) + "&appointment=" + appointment));
        if (response.statusCode() != 302) {
            throw new AssertionError("launch answered " + response.statusCode() + ": " + response.body());
        }
        return URI.create(response.headers().firstValue("Location").orElseThrow());
    }

    /** The authorize URL an app builds for an EHR launch (parameters may be overridden or removed with null). */
    static URI authorizeUrl(Map<String, String> overrides) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("response_type", "code");
        parameters.put("client_id", "openvisit");
        parameters.put("redirect_uri", callback());
        parameters.put("scope", "launch openid fhirUser user/*.rs offline_access");
        parameters.put("state", "state-" + System.nanoTime());
        parameters.put("aud", fhirBase());
        parameters.put("code_challenge_method", "S256");
        parameters.putAll(overrides);
        parameters.values().removeIf(value -> value == null);
        return at("oauth/authorize?" + form(parameters));
    }

    static HttpResponse<String> token(Map<String, String> form) {
        return Http.post(at("oauth/token"), "application/x-www-form-urlencoded", form(form));
    }

    static HttpResponse<String> fhirGet(String path, String accessToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(fhirUri(path)).GET()
                .header("Accept", "application/fhir+json");
        if (accessToken != null) {
            request.header("Authorization", "Bearer " + accessToken);
        }
        return Http.send(request);
    }

    /** A FHIR URL; the {@code |} of token searches is percent-encoded. */
    static URI fhirUri(String path) {
        return URI.create(fhirBase() + "/" + path.replace("|", "%7C"));
    }

    static HttpResponse<String> admin(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(at("admin/api/" + path)).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return Http.send(request);
    }

    static JsonObject adminJson(String method, String path, String json) {
        HttpResponse<String> response = admin(method, path, json);
        if (response.statusCode() != 200) {
            throw new AssertionError("admin " + method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return Http.json(response);
    }

    /** The query parameters of a redirect location. */
    static Map<String, String> queryOf(URI location) {
        Map<String, String> parameters = new LinkedHashMap<>();
        String query = location.getRawQuery();
        if (query == null) {
            return parameters;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            parameters.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return parameters;
    }

    static URI location(HttpResponse<String> response) {
        return URI.create(response.headers().firstValue("Location")
                .orElseThrow(() -> new AssertionError("no Location; status " + response.statusCode() + ": " + response.body())));
    }

    static String form(Map<String, String> parameters) {
        StringJoiner joined = new StringJoiner("&");
        parameters.forEach((name, value) -> joined.add(encode(name) + "=" + encode(value)));
        return joined.toString();
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
