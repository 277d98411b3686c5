package org.openvisit.smart;

import org.openvisit.smart.SmartSignInException.Failure;
import org.openvisit.tenant.domain.model.AddressRange;
import org.openvisit.tenant.domain.model.InvalidFhirBaseUrlException;
import org.openvisit.tenant.domain.model.OutboundAddressPolicy;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The HTTP client for requests to EHRs: explicit timeouts, no automatic redirects, a cap on what it
 * reads, and before every request the host's resolved addresses checked with the installation's
 * {@link OutboundAddressPolicy} (so that a name that resolves differently since it was entered cannot
 * be used to reach this server or an internal network). Plain http only to this server's own loopback
 * addresses in development mode.
 */
public class OutboundHttp {

    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    static final int MAX_BODY_BYTES = 1024 * 1024;

    /** Resolves host names; replaced in tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** An answer: status, content type and body (at most 1 MiB of it). */
    public record Answer(int status, String contentType, String body) {
    }

    private final HttpClient client;
    private final OutboundAddressPolicy policy;
    private final Resolver resolver;

    public OutboundHttp(OutboundAddressPolicy policy) {
        this(policy, InetAddress::getAllByName);
    }

    public OutboundHttp(OutboundAddressPolicy policy, Resolver resolver) {
        this.policy = policy;
        this.resolver = resolver;
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
     * Whether OpenVisit may send a request to {@code uri}: http(s) only, plain http only to loopback in
     * development mode, and every address the host resolves to permitted by the policy.
     *
     * @throws SmartSignInException {@link Failure#REFUSED_ADDRESS} or {@link Failure#UNREACHABLE}
     */
    public void check(URI uri, String what) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (!(scheme.equals("https") || scheme.equals("http")) || host == null || uri.getRawUserInfo() != null) {
            throw new SmartSignInException(Failure.REFUSED_ADDRESS, "OpenVisit does not send requests to " + uri
                    + " (" + what + "): only https addresses without a user name are used.");
        }
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(bare);
        } catch (UnknownHostException e) {
            throw new SmartSignInException(Failure.UNREACHABLE, "OpenVisit could not find the host " + bare
                    + " (" + what + "): the name does not resolve. Check the address for typing errors, and that this "
                    + "server's DNS knows the EHR's host.");
        }
        for (InetAddress address : addresses) {
            try {
                policy.check(bare, address);
            } catch (InvalidFhirBaseUrlException refused) {
                throw new SmartSignInException(Failure.REFUSED_ADDRESS, refused.getMessage()
                        + " (OpenVisit was about to read " + what + " at " + uri + ".)");
            }
            if (scheme.equals("http") && AddressRange.of(address) != AddressRange.LOOPBACK) {
                throw new SmartSignInException(Failure.REFUSED_ADDRESS, "OpenVisit talks to EHRs over https only; "
                        + uri + " (" + what + ") is a plain http address. Plain http is accepted only for this "
                        + "server itself in development mode.");
            }
        }
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
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), body);
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
