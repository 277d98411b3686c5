package org.openvisit.sandbox.twilio;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The stand-in's one account: its auth token (fixed, {@value #AUTH_TOKEN}; any account SID of Twilio's form is
 * taken), the numbers bought, the messages taken (kept in memory until the sandbox stops, for tests to read), and a
 * fault switch: the next {@code n} API calls answer {@code status}.
 */
@ApplicationScoped
public class TwilioStubAccount {

    public static final String AUTH_TOKEN = "sandbox-twilio-auth-token";

    /** A number the account holds. */
    public record Held(String sid, String accountSid, String phoneNumber, String smsUrl) {
    }

    /** A message taken: who it went to, what it said, and its last status. */
    public record Message(String sid, String from, String to, String body, String statusCallback, String status) {

        Message withStatus(String next) {
            return new Message(sid, from, to, body, statusCallback, next);
        }
    }

    private final Map<String, Held> numbers = new ConcurrentHashMap<>();
    private final Map<String, Message> messages = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>());
    private final AtomicInteger faults = new AtomicInteger();
    private volatile int faultStatus = 503;

    /** Buys {@code phoneNumber}; empty when the account holds it already (Twilio: not available). */
    public synchronized Optional<Held> buy(String accountSid, String phoneNumber, String smsUrl) {
        if (holds(phoneNumber)) {
            return Optional.empty();
        }
        Held held = new Held("PN" + hex(), accountSid, phoneNumber, smsUrl);
        numbers.put(held.sid(), held);
        return Optional.of(held);
    }

    public boolean holds(String phoneNumber) {
        return numbers.values().stream().anyMatch(h -> h.phoneNumber().equals(phoneNumber));
    }

    public List<Held> numbers() {
        return new ArrayList<>(numbers.values());
    }

    public boolean release(String sid) {
        return numbers.remove(sid) != null;
    }

    public Message take(String from, String to, String body, String statusCallback) {
        Message message = new Message("SM" + hex(), from, to, body, statusCallback, "queued");
        messages.put(message.sid(), message);
        return message;
    }

    void status(String sid, String status) {
        messages.computeIfPresent(sid, (k, m) -> m.withStatus(status));
    }

    public List<Message> messages() {
        synchronized (messages) {
            return new ArrayList<>(messages.values());
        }
    }

    /** The next {@code times} API calls answer {@code status} (429 or 5xx to look busy, 0 times to stop). */
    public void failNext(int times, int status) {
        faultStatus = status;
        faults.set(Math.max(0, times));
    }

    /** How many of the failures the switch was set to are still to come (0: the API works). */
    public int faultsLeft() {
        return faults.get();
    }

    /** The status this call must answer instead of working, if the fault switch is on. */
    Optional<Integer> fault() {
        return faults.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? Optional.of(faultStatus) : Optional.empty();
    }

    private static String hex() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
