package org.openvisit.launch.interfaces.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.openvisit.identity.interfaces.web.SessionCookiePolicy;
import org.openvisit.room.application.RoomPass;
import org.openvisit.visit.domain.model.AttendeeRole;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser's state kept under its own cookie in a store every node shares: the cookie's attributes, finding the
 * state from another "node" (a second {@link BrowserStates} on the same store), renewal at a grant, the socket's
 * cookie header, and bytes that must never become objects.
 */
class BrowserStatesTest {

    private final MemoryStore store = new MemoryStore();
    private final SessionCookiePolicy production = SessionCookiePolicy.of("production", Optional.empty(),
            Optional.empty(), Optional.empty());
    private final BrowserStates nodeA = new BrowserStates(store, production);
    private final BrowserStates nodeB = new BrowserStates(store, production);

    @Test
    void aBrowserWithoutStateGetsItsCookieWithTheSessionCookiesAttributes() {
        Browser browser = new Browser();
        nodeA.change(browser.request(), browser.response(), state -> {
            state.launchFrameAncestors(List.of("https://ehr.example.org"));
            return null;
        });
        assertThat(browser.setCookies).hasSize(1);
        String cookie = browser.setCookies.get(0);
        assertThat(cookie).startsWith(BrowserStates.COOKIE + "=").contains("; Path=/", "; HttpOnly", "; Secure",
                "; SameSite=None", "; Partitioned");
        assertThat(browser.cookie()).matches("[A-Za-z0-9_-]{43}");
        assertThat(store.map).as("the key names no cookie").doesNotContainKey(browser.cookie())
                .allSatisfy((key, bytes) -> assertThat(key).doesNotContain(browser.cookie()));
    }

    @Test
    void anotherNodeFindsAndChangesTheSameState() {
        Browser browser = new Browser();
        UUID visit = UUID.randomUUID();
        RoomPass made = nodeA.change(browser.request(), browser.response(),
                state -> state.passOrKeep(visit, () -> new RoomPass(visit, "a-1", AttendeeRole.PATIENT, "link-1")));
        assertThat(nodeB.find(browser.request()).flatMap(s -> s.pass(visit))).contains(made);
        nodeB.change(browser.request(), browser.response(), state -> {
            state.launched(visit, true, null);
            return null;
        });
        assertThat(browser.setCookies).as("a browser with a cookie keeps it").hasSize(1);
        assertThat(nodeA.find(browser.request()).map(s -> s.launchedAsPatient(visit))).contains(true);
    }

    @Test
    void changingAStateThatIsNotThereDoesNothing() {
        assertThat(nodeA.changeExisting(BrowserStates.newId(), state -> "changed")).isEmpty();
        assertThat(nodeA.changeExisting("not an id", state -> "changed")).isEmpty();
        assertThat(store.map).isEmpty();
    }

    @Test
    void renewalMovesTheStateToANewCookieAndTheOldOneFindsNothing() {
        Browser browser = new Browser();
        UUID visit = UUID.randomUUID();
        nodeA.change(browser.request(), browser.response(), state -> {
            state.launched(visit, false, "Practitioner/prac-1");
            return null;
        });
        String old = browser.cookie();
        nodeA.renew(browser.request(), browser.response());
        String renewed = browser.cookie();
        assertThat(renewed).isNotEqualTo(old).matches("[A-Za-z0-9_-]{43}");
        assertThat(nodeB.find(old)).isEmpty();
        assertThat(nodeB.find(renewed).map(s -> s.hasLaunched(visit))).contains(true);
        assertThat(store.map).hasSize(1);
    }

    @Test
    void theSocketsCookieHeaderNamesTheBrowser() {
        String id = BrowserStates.newId();
        Map<String, List<String>> headers = Map.of("cookie",
                List.of("OPENVISIT_SESSION=abc; " + BrowserStates.COOKIE + "=" + id + "; other=1"));
        assertThat(BrowserStates.browserId(headers)).contains(id);
        assertThat(BrowserStates.browserId(Map.of("Cookie", List.of(BrowserStates.COOKIE + "=short"))))
                .as("a value of the wrong shape").isEmpty();
        assertThat(BrowserStates.browserId(Map.of("Origin", List.of("https://x")))).isEmpty();
    }

    @Test
    void bytesOfAnyOtherClassNeverBecomeAnObject() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new File("/etc/passwd")); // java.io is not on the list
        }
        assertThat(BrowserStateCodec.read(bytes.toByteArray())).isEmpty();
        assertThat(BrowserStateCodec.read(new byte[] {1, 2, 3})).isEmpty();
        assertThat(BrowserStateCodec.read(new byte[BrowserStateCodec.MAX_BYTES + 1])).isEmpty();
        BrowserLaunchState state = new BrowserLaunchState();
        state.launchFrameAncestors(List.of("https://ehr.example.org"));
        assertThat(BrowserStateCodec.read(BrowserStateCodec.write(state)).map(BrowserLaunchState::launchFrameAncestors))
                .contains(List.of("https://ehr.example.org"));
    }

    /** The grid's part: a map and a lock per key, as two nodes would share them. */
    static final class MemoryStore implements BrowserStateStore {
        final Map<String, byte[]> map = new ConcurrentHashMap<>();

        @Override
        public Optional<byte[]> read(String key) {
            return Optional.ofNullable(map.get(key));
        }

        @Override
        public synchronized <T> T locked(String key, Supplier<T> step) {
            return step.get();
        }

        @Override
        public void write(String key, byte[] state) {
            map.put(key, state);
        }

        @Override
        public void remove(String key) {
            map.remove(key);
        }
    }

    /** A browser: the cookie it was last given, sent with each new request. */
    static final class Browser {
        final List<String> setCookies = new ArrayList<>();

        String cookie() {
            String last = setCookies.get(setCookies.size() - 1);
            return last.substring(last.indexOf('=') + 1, last.indexOf(';'));
        }

        HttpServletRequest request() {
            Map<String, Object> attributes = new HashMap<>();
            Cookie[] cookies = setCookies.isEmpty() ? null : new Cookie[] {new Cookie(BrowserStates.COOKIE, cookie())};
            return (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "getCookies" -> cookies;
                        case "getContextPath" -> "";
                        case "getAttribute" -> attributes.get((String) args[0]);
                        case "setAttribute" -> attributes.put((String) args[0], args[1]);
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }

        HttpServletResponse response() {
            return (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> {
                        if (method.getName().equals("addHeader") && "Set-Cookie".equals(args[0])) {
                            setCookies.add((String) args[1]);
                            return null;
                        }
                        throw new UnsupportedOperationException(method.getName());
                    });
        }
    }
}
