package org.openvisit.room.interfaces.websocket;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Hands the browser's HTTP session (where its room passes are) to the signalling socket, and notes
 * whether the handshake came from a page of this server: a browser always sends {@code Origin}, so a
 * page of another site cannot ride the visitor's session cookie into a room. Clients that are not
 * browsers send none and carry only their own cookie. WebSocket 2.1 gives each handshake its own copy
 * of the user properties, so concurrent handshakes do not mix sessions.
 */
public class HandshakeSession extends ServerEndpointConfig.Configurator {

    static final String HTTP_SESSION = "org.openvisit.room.httpSession";
    static final String FOREIGN_ORIGIN = "org.openvisit.room.foreignOrigin";

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        Object session = request.getHttpSession();
        if (session != null) {
            config.getUserProperties().put(HTTP_SESSION, session);
        }
        if (!sameOrigin(request.getHeaders())) {
            config.getUserProperties().put(FOREIGN_ORIGIN, Boolean.TRUE);
        }
    }

    static boolean sameOrigin(Map<String, List<String>> headers) {
        String origin = first(headers, "Origin");
        if (origin == null) {
            return true;
        }
        String host = first(headers, "Host");
        try {
            URI o = URI.create(origin.strip());
            String authority = o.getPort() < 0 ? o.getHost() : o.getHost() + ":" + o.getPort();
            return host != null && authority != null && authority.equalsIgnoreCase(host.strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
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
