package org.openvisit.ehr;

import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;
import com.nimbusds.oauth2.sdk.http.HTTPRequestSender;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.http.ReadOnlyHTTPRequest;
import com.nimbusds.oauth2.sdk.http.ReadOnlyHTTPResponse;
import org.openvisit.ehr.SmartSignInException.Failure;
import org.openvisit.tenant.domain.model.OutboundAddressPolicy;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The HTTP client for requests to EHRs: explicit timeouts, no automatic redirects, a cap on what it
 * reads, and before every request the host's resolved addresses checked with the installation's
 * {@link OutboundAddressPolicy} (so that a name that resolves differently since it was entered cannot
 * be used to reach this server or an internal network). Plain http only to this server's own loopback
 * addresses in development mode.
 * <p>
 * The Nimbus libraries send through it too: it is the {@link HTTPRequestSender} of the OAuth requests (code
 * exchange, client credentials) and the {@link ResourceRetriever} of the EHRs' key sets, so Nimbus never opens a
 * connection of its own ({@code HTTPRequest.send()} without a sender would follow no policy). A refusal or a
 * transport failure reaches Nimbus as a {@link Refused} (an {@link IOException}) that carries the
 * {@link SmartSignInException} saying what happened; {@link Refused#unwrap} finds it again.
 */
public class OutboundHttp implements HTTPRequestSender, ResourceRetriever {

    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    static final int MAX_BODY_BYTES = 1024 * 1024;

    /** Resolves host names; replaced in tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /**
     * An answer: status, content type and body (at most 1 MiB of it), and the {@code Retry-After} header as sent
     * (empty when there was none), for callers that honour it on 429 and 503.
     */
    public record Answer(int status, String contentType, String body, String retryAfter) {

        public Answer(int status, String contentType, String body) {
            this(status, contentType, body, "");
        }
    }

    private final HttpClient client;
    private final AddressGuard guard;

    public OutboundHttp(OutboundAddressPolicy policy) {
        this(policy, InetAddress::getAllByName);
    }

    public OutboundHttp(OutboundAddressPolicy policy, Resolver resolver) {
        this.guard = new AddressGuard(policy, resolver);
        this.client = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** GET {@code uri}; {@code what} names it in messages ("the SMART configuration"). */
    public Answer get(URI uri, String what) {
        return get(uri, Map.of(), what);
    }

    /** GET {@code uri} with extra request headers (e.g. the launch's bearer token). */
    public Answer get(URI uri, Map<String, String> headers, String what) {
        check(uri, what);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "application/json").GET();
        headers.forEach(request::header);
        return send(request, uri, what);
    }

    /**
     * Sends a Nimbus request (the code exchange, client credentials) with this client's checks, timeouts and
     * no redirects. The Nimbus timeouts of the request are ignored: this client's are explicit.
     *
     * @throws Refused carrying the {@link SmartSignInException} when the address is refused or unreachable
     */
    @Override
    public ReadOnlyHTTPResponse send(ReadOnlyHTTPRequest nimbus) throws IOException {
        URI uri = nimbus.getURI();
        String what = "the token endpoint " + uri;
        try {
            check(uri, what);
            HttpRequest.Builder request = HttpRequest.newBuilder(uri);
            nimbus.getHeaderMap().forEach((name, values) -> values.forEach(value -> request.header(name, value)));
            String body = nimbus.getBody();
            HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body);
            request.method(nimbus.getMethod().name(), publisher);
            Answer answer = send(request, uri, what);
            HTTPResponse response = new HTTPResponse(answer.status());
            if (!answer.contentType().isBlank()) {
                response.setHeader("Content-Type", answer.contentType());
            }
            response.setBody(answer.body());
            return response;
        } catch (SmartSignInException refused) {
            throw new Refused(refused);
        }
    }

    /**
     * Reads a key set for Nimbus's {@code JWKSourceBuilder}: HTTP 200 only.
     *
     * @throws Refused carrying {@link Failure#INVALID_JWKS} for another status, or the refusal of the address
     */
    @Override
    public Resource retrieveResource(URL url) throws IOException {
        URI uri;
        try {
            uri = url.toURI();
        } catch (URISyntaxException e) {
            throw new Refused(new SmartSignInException(Failure.INVALID_JWKS, "The key set address " + url
                    + " is not a valid URL."));
        }
        try {
            Answer answer = get(uri, "the signing keys (JWKS)");
            if (answer.status() != 200) {
                throw new SmartSignInException(Failure.INVALID_JWKS, "The signing keys (JWKS) at " + uri
                        + " could not be read: HTTP " + answer.status() + (answer.status() >= 300 && answer.status() < 400
                        ? " (a redirect, which OpenVisit does not follow)" : "") + ".");
            }
            return new Resource(answer.body(), answer.contentType());
        } catch (SmartSignInException refused) {
            throw new Refused(refused);
        }
    }

    /**
     * A request this client refused or could not complete, as the {@link IOException} that Nimbus's sender and
     * retriever interfaces allow; {@link #failure()} says what happened.
     */
    public static final class Refused extends IOException {

        private final transient SmartSignInException failure;

        public Refused(SmartSignInException failure) {
            super(failure.getMessage(), failure);
            this.failure = failure;
        }

        public SmartSignInException failure() {
            return failure;
        }

        /** The refusal somewhere in {@code thrown}'s causes, if any. */
        public static java.util.Optional<SmartSignInException> unwrap(Throwable thrown) {
            for (Throwable t = thrown; t != null; t = t.getCause()) {
                if (t instanceof Refused refused) {
                    return java.util.Optional.of(refused.failure());
                }
                if (t instanceof SmartSignInException direct) {
                    return java.util.Optional.of(direct);
                }
                if (t.getCause() == t) {
                    break;
                }
            }
            return java.util.Optional.empty();
        }
    }

    /** POST a JSON body to {@code uri} with extra request headers (e.g. a bearer token). */
    public Answer postJson(URI uri, String json, Map<String, String> headers, String what) {
        check(uri, what);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(request::header);
        return send(request, uri, what);
    }

    /** PATCH {@code uri} with a JSON body and extra request headers (e.g. a bearer token). */
    public Answer patchJson(URI uri, String json, Map<String, String> headers, String what) {
        check(uri, what);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(request::header);
        return send(request, uri, what);
    }

    /** DELETE {@code uri} with extra request headers (e.g. a client's HTTP Basic credentials). */
    public Answer delete(URI uri, Map<String, String> headers, String what) {
        check(uri, what);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "application/json").DELETE();
        headers.forEach(request::header);
        return send(request, uri, what);
    }

    /** POST a form to {@code uri}. */
    public Answer postForm(URI uri, Map<String, String> form, String what) {
        return postForm(uri, form, Map.of(), what);
    }

    /** POST a form to {@code uri} with extra request headers (e.g. a client's HTTP Basic credentials). */
    public Answer postForm(URI uri, Map<String, String> form, Map<String, String> headers, String what) {
        check(uri, what);
        String body = form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request, uri, what);
    }

    /**
     * Whether OpenVisit may send a request to {@code uri} ({@link AddressGuard}): http(s) only, plain http only to
     * loopback in development mode, and every address the host resolves to permitted by the policy.
     *
     * @throws SmartSignInException {@link Failure#REFUSED_ADDRESS} or {@link Failure#UNREACHABLE}
     */
    public void check(URI uri, String what) {
        guard.check(uri, what);
    }

    private Answer send(HttpRequest.Builder request, URI uri, String what) {
        long started = System.nanoTime();
        try {
            HttpResponse<InputStream> response = client.send(request.timeout(REQUEST_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            String body;
            try (InputStream in = response.body()) {
                body = new String(in.readNBytes(MAX_BODY_BYTES), StandardCharsets.UTF_8);
            }
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), body,
                    response.headers().firstValue("Retry-After").orElse(""));
        } catch (HttpConnectTimeoutException e) {
            throw timeout(uri, what, CONNECT_TIMEOUT, "connect to");
        } catch (HttpTimeoutException e) {
            throw timeout(uri, what, REQUEST_TIMEOUT, "get an answer from");
        } catch (ConnectException e) {
            throw new SmartSignInException(Failure.UNREACHABLE, "OpenVisit could not connect to " + hostOf(uri)
                    + " to read " + what + " (" + uri + "): the connection was refused. Check the FHIR base URL, "
                    + "and that this server may reach the EHR (firewall, proxy).");
        } catch (IOException e) {
            throw new SmartSignInException(Failure.UNREACHABLE, "OpenVisit could not read " + what + " at " + uri
                    + ": " + describe(e) + ". Check the FHIR base URL, the EHR's certificate, and that this server "
                    + "may reach the EHR (firewall, proxy).");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SmartSignInException(Failure.TIMEOUT, "OpenVisit stopped waiting for " + what + " at " + uri
                    + " because the server is shutting down.");
        } finally {
            OutboundTiming.add(System.nanoTime() - started);
        }
    }

    private static SmartSignInException timeout(URI uri, String what, Duration limit, String doing) {
        return new SmartSignInException(Failure.TIMEOUT, "OpenVisit could not " + doing + " " + hostOf(uri)
                + " within " + limit.toSeconds() + " seconds while reading " + what + " (" + uri + "). The EHR may "
                + "be down, or a firewall may drop the connection; try again later or check the network path.");
    }

    private static String hostOf(URI uri) {
        return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        String kind = e.getClass().getSimpleName();
        if (message == null || message.isBlank()) {
            return kind;
        }
        String clean = message.replaceAll("\\p{Cntrl}", " ");
        return kind + ": " + (clean.length() > 200 ? clean.substring(0, 200) + "..." : clean);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }
}
