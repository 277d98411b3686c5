package org.openvisit.room.interfaces.websocket;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

import org.eclipse.microprofile.config.ConfigProvider;
import org.openvisit.shared.interfaces.web.PublicAddress;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Hands the handshake's headers to the signalling socket: its browser cookie (where its room passes are found, see
 * {@code BrowserStates}) and whether it came from a page of this server: a browser always sends {@code Origin}, so a
 * page of another site cannot ride the visitor's cookie into a room. Clients that are not browsers send none and
 * carry only their own cookie. WebSocket 2.1 gives each handshake its own copy of the user properties, so concurrent
 * handshakes do not mix browsers.
 */
public class HandshakeSession extends ServerEndpointConfig.Configurator {

    static final String HEADERS = "org.openvisit.room.handshakeHeaders";

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        // the scheme is known only at the socket's open (Session.isSecure): SignalEndpoint decides there
        config.getUserProperties().put(HEADERS, Map.copyOf(request.getHeaders()));
    }

    /** Whether the socket's handshake came from a page of this server ({@link #sameOrigin}), once it is open. */
    static boolean sameOrigin(Object headers, boolean secure) {
        if (!(headers instanceof Map<?, ?> map)) {
            return false;
        }
        @SuppressWarnings("unchecked")
        Map<String, List<String>> typed = (Map<String, List<String>>) map;
        Optional<String> publicUrl = ConfigProvider.getConfig().getOptionalValue(PublicAddress.PUBLIC_URL_KEY, String.class);
        return sameOrigin(typed, secure ? "wss" : "ws", publicUrl.orElse(null));
    }

    /**
     * Whether the page that opens the socket is one of this server's: its {@code Origin} is the public address's
     * origin ({@code openvisit.public-url}) when that is set, otherwise the scheme this socket came in on (ws as
     * http, wss as https) with the {@code Host} it was sent to. Scheme, host and port must all match. Without an
     * {@code Origin} (not a browser) the socket's own cookie is all it has.
     */
    static boolean sameOrigin(Map<String, List<String>> headers, String requestScheme, String publicUrl) {
        String origin = first(headers, "Origin");
        if (origin == null) {
            return true;
        }
        try {
            URI o = URI.create(origin.strip());
            String expected;
            if (publicUrl != null && !publicUrl.isBlank()) {
                URI p = URI.create(publicUrl.strip());
                expected = normal(p.getScheme(), p.getHost() + (p.getPort() < 0 ? "" : ":" + p.getPort()));
            } else {
                String host = first(headers, "Host");
                String scheme = switch (requestScheme == null ? "" : requestScheme.toLowerCase(java.util.Locale.ROOT)) {
                    case "ws", "http" -> "http";
                    case "wss", "https" -> "https";
                    default -> o.getScheme(); // not told: host and port must match
                };
                expected = host == null ? null : normal(scheme, host.strip());
            }
            String actual = normal(o.getScheme(), o.getHost() == null ? null
                    : o.getHost() + (o.getPort() < 0 ? "" : ":" + o.getPort()));
            return expected != null && actual != null && expected.equalsIgnoreCase(actual);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** {@code scheme://host:port} with the scheme's default port written out. */
    private static String normal(String scheme, String authority) {
        if (scheme == null || authority == null || authority.startsWith("null")) {
            return null;
        }
        boolean hasPort = authority.matches(".*:\\d+$");
        String port = "https".equalsIgnoreCase(scheme) ? ":443" : ":80";
        return scheme + "://" + authority + (hasPort ? "" : port);
    }

    private static String first(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }
}
