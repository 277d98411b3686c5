package org.openvisit.launch.interfaces.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openvisit.identity.interfaces.web.SessionCookiePolicy;
import org.openvisit.identity.interfaces.web.SessionCookieSettings;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Each browser's {@link BrowserLaunchState}, found by the browser's own cookie {@value #COOKIE} (256 random bits,
 * with the session cookie's attributes) in a store every node shares. The store's key is a hash of the cookie, so a
 * look into the grid shows no cookie that could be replayed. Changes are made under the key's lock; a browser id is
 * replaced by a new one when it gains a visit (a launch landing, a join link), as a session id is at a sign-in.
 */
@ApplicationScoped
public class BrowserStates {

    public static final String COOKIE = "OPENVISIT_BROWSER";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ATTRIBUTE = BrowserStates.class.getName() + ".id";

    @Inject
    private BrowserStateStore store;

    @Inject
    private SessionCookieSettings cookies;

    /** Set only by tests, which have no container to give them the settings. */
    private SessionCookiePolicy policy;

    protected BrowserStates() {
    }

    BrowserStates(BrowserStateStore store, SessionCookiePolicy policy) {
        this.store = store;
        this.policy = policy;
    }

    /** This browser's state, if it has one. */
    public Optional<BrowserLaunchState> find(HttpServletRequest request) {
        return browserId(request).flatMap(this::find);
    }

    /** The state of the browser with this id (a WebSocket handshake's cookie), if it has one. */
    public Optional<BrowserLaunchState> find(String browserId) {
        return valid(browserId).flatMap(id -> store.read(key(id))).flatMap(BrowserStateCodec::read);
    }

    /** Changes this browser's state; a browser without one gets it now, with its cookie on the response. */
    public <T> T change(HttpServletRequest request, HttpServletResponse response, Function<BrowserLaunchState, T> step) {
        String id = browserId(request).orElseGet(() -> issue(request, response, newId()));
        return changeKnown(id, step, true).orElseThrow().value();
    }

    /** Changes the state of the browser with this id; nothing happens (empty) when it has none. */
    public <T> Optional<T> changeExisting(String browserId, Function<BrowserLaunchState, T> step) {
        return valid(browserId).flatMap(id -> changeKnown(id, step, false)).map(Changed::value);
    }

    /**
     * Moves this browser's state to a new id and cookie: whoever knew the old cookie (a shared computer's earlier
     * page, a fixation attempt) does not reach the visit this browser has just been let into.
     */
    public void renew(HttpServletRequest request, HttpServletResponse response) {
        Optional<String> old = browserId(request);
        if (old.isEmpty()) {
            return;
        }
        String oldKey = key(old.get());
        String fresh = newId();
        store.locked(oldKey, () -> {
            store.read(oldKey).ifPresent(bytes -> {
                store.write(key(fresh), bytes);
                store.remove(oldKey);
            });
            return null;
        });
        issue(request, response, fresh);
    }

    /** What a step gave (perhaps nothing), told apart from no state to change. */
    private record Changed<T>(T value) {
    }

    private <T> Optional<Changed<T>> changeKnown(String id, Function<BrowserLaunchState, T> step, boolean create) {
        String key = key(id);
        return store.locked(key, () -> {
            Optional<BrowserLaunchState> state = store.read(key).flatMap(BrowserStateCodec::read);
            if (state.isEmpty() && !create) {
                return Optional.empty();
            }
            BrowserLaunchState current = state.orElseGet(BrowserLaunchState::new);
            T result = step.apply(current);
            store.write(key, BrowserStateCodec.write(current));
            return Optional.of(new Changed<>(result));
        });
    }

    /** The browser id of this request: its cookie, or the one given to it earlier in this same request. */
    public static Optional<String> browserId(HttpServletRequest request) {
        if (request.getAttribute(ATTRIBUTE) instanceof String given) {
            return Optional.of(given);
        }
        Cookie[] all = request.getCookies();
        if (all == null) {
            return Optional.empty();
        }
        for (Cookie cookie : all) {
            if (COOKIE.equals(cookie.getName()) && ID.matcher(cookie.getValue()).matches()) {
                return Optional.of(cookie.getValue());
            }
        }
        return Optional.empty();
    }

    /** The browser id in a WebSocket handshake's {@code Cookie} headers. */
    public static Optional<String> browserId(Map<String, List<String>> headers) {
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (header.getKey() == null || !header.getKey().equalsIgnoreCase("Cookie")) {
                continue;
            }
            for (String line : header.getValue()) {
                for (String pair : line.split(";")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0 && pair.substring(0, eq).strip().equals(COOKIE)) {
                        String value = pair.substring(eq + 1).strip();
                        if (ID.matcher(value).matches()) {
                            return Optional.of(value);
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    private String issue(HttpServletRequest request, HttpServletResponse response, String id) {
        request.setAttribute(ATTRIBUTE, id);
        response.addHeader("Set-Cookie", (policy != null ? policy : cookies.policy()).cookie(COOKIE, id,
                request.getContextPath().isEmpty() ? "/" : request.getContextPath()));
        return id;
    }

    private static Optional<String> valid(String id) {
        return id != null && ID.matcher(id).matches() ? Optional.of(id) : Optional.empty();
    }

    static String newId() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String key(String id) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.US_ASCII));
            return "b-" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java", e);
        }
    }
}
