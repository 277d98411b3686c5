package org.openvisit.shared.interfaces.web;

import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.openvisit.identity.interfaces.web.SessionCookiePolicy;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The session cookie's attributes on the wire, and the node's route cookie beside a new session cookie. */
class SessionCookieHeadersTest {

    private final SessionCookiePolicy production = SessionCookiePolicy.of("production", Optional.empty(),
            Optional.empty(), Optional.empty());
    private final List<String> setCookies = new ArrayList<>();

    @Test
    void aNewSessionCookieBringsTheNodesRouteWithTheSameAttributesOnce() {
        setCookies.add("OPENVISIT_SESSION=abc; Path=/; HttpOnly");
        SessionCookieHeaders headers = new SessionCookieHeaders(production, Optional.of("n2"), response());
        headers.apply();
        headers.apply();
        assertThat(setCookies).hasSize(2);
        assertThat(setCookies.get(0)).startsWith("OPENVISIT_SESSION=abc").contains("SameSite=None", "Secure");
        assertThat(setCookies.get(1)).startsWith("OPENVISIT_NODE=n2; Path=/").contains("HttpOnly", "Secure",
                "SameSite=None", "Partitioned");
    }

    @Test
    void noRouteOnASingleNodeAndNoneWithoutASessionCookie() {
        setCookies.add("OPENVISIT_SESSION=abc; Path=/; HttpOnly");
        new SessionCookieHeaders(production, Optional.empty(), response()).apply();
        assertThat(setCookies).hasSize(1);
        setCookies.clear();
        setCookies.add("OPENVISIT_BROWSER=xyz; Path=/; HttpOnly; Secure; SameSite=None");
        new SessionCookieHeaders(production, Optional.of("n1"), response()).apply();
        assertThat(setCookies).containsExactly("OPENVISIT_BROWSER=xyz; Path=/; HttpOnly; Secure; SameSite=None");
    }

    private HttpServletResponse response() {
        return (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "isCommitted" -> false;
                    case "getHeaders" -> List.copyOf(setCookies);
                    case "setHeader" -> {
                        setCookies.clear();
                        setCookies.add((String) args[1]);
                        yield null;
                    }
                    case "addHeader" -> setCookies.add((String) args[1]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
