package org.openvisit.notify.infrastructure.twilio;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import org.openvisit.ehr.OutboundHttp;
import org.openvisit.ehr.SmartSignInException;
import org.openvisit.notify.application.SmsCarrierRefusedException;
import org.openvisit.notify.application.SmsCarrierUnavailableException;

import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The part of Twilio's REST API (version 2010-04-01) OpenVisit speaks, through the {@code ehr} layer's
 * {@link OutboundHttp} (explicit timeouts, no redirects, the outbound address policy): send a message
 * ({@code Messages.json}: To, From, Body, StatusCallback), find the numbers on offer
 * ({@code AvailablePhoneNumbers/{country}/Local.json} or {@code Mobile.json}), buy one and release it
 * ({@code IncomingPhoneNumbers.json}). HTTP Basic with the account SID and auth token.
 * <p>
 * Limits, on purpose: at most {@code attempts} tries per call (3), again only after HTTP 429 or 5xx or a transport
 * failure, waiting 250 ms, then 1 s (or the {@code Retry-After} the API gave, at most 2 s), because a send runs inside
 * the database transaction that records it; what is still failing then is left to the send job, which tries the
 * message again 2 s later. Another 4xx is a refusal for good ({@link SmsCarrierRefusedException}); its reason keeps
 * Twilio's code and words with any phone number in them cut out.
 */
public final class TwilioApi {

    private static final Pattern DIGITS = Pattern.compile("\\+?\\d[\\d ()\\-]{4,}\\d");
    private static final Duration MAX_WAIT = Duration.ofSeconds(2);
    private static final int SEARCH_PAGE = 30;
    private static final Set<String> NORTH_AMERICA = Set.of("US", "CA");

    /** A message Twilio took: its SID and status ({@code queued}, {@code accepted}, …). */
    public record Sent(String sid, String status) {
    }

    /** A number bought: its SID ({@code PN…}) and the number (E.164). */
    public record Bought(String sid, String phoneNumber) {
    }

    /**
     * A number Twilio offers to buy: the number (E.164), whether it can send SMS, and whether buying it needs an
     * address or a regulatory bundle ({@code address_requirements}: none, any, local, foreign).
     */
    public record Available(String phoneNumber, boolean sms, String addressRequirements) {

        public boolean needsAddress() {
            return !"none".equalsIgnoreCase(addressRequirements);
        }
    }

    /** What a purchase must name when the number needs it (either may be null). */
    public record Registration(String addressSid, String bundleSid) {

        public static final Registration NONE = new Registration(null, null);

        public boolean present() {
            return addressSid != null || bundleSid != null;
        }
    }

    /** Waits between tries; replaced in tests. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final OutboundHttp http;
    private final String base;
    private final String accountSid;
    private final String authorization;
    private final int attempts;
    private final Sleeper sleeper;

    public TwilioApi(OutboundHttp http, URI base, String accountSid, String authToken, int attempts, Sleeper sleeper) {
        this.http = Objects.requireNonNull(http, "http");
        String b = base.toString();
        this.base = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
        this.accountSid = Objects.requireNonNull(accountSid, "accountSid");
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((accountSid + ":"
                + Objects.requireNonNull(authToken, "authToken")).getBytes(StandardCharsets.UTF_8));
        this.attempts = Math.max(1, attempts);
        this.sleeper = sleeper;
    }

    /**
     * Sends one message.
     *
     * @throws SmsCarrierUnavailableException still 429, 5xx or unreachable after the tries
     * @throws SmsCarrierRefusedException     another 4xx
     */
    public Sent send(String from, String to, String body, String statusCallback) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("To", to);
        form.put("From", from);
        form.put("Body", body);
        if (statusCallback != null && !statusCallback.isBlank()) {
            form.put("StatusCallback", statusCallback);
        }
        JsonObject message = call(account("/Messages.json"), form, "the message");
        return new Sent(message.getString("sid"), message.getString("status", "queued"));
    }

    /**
     * The numbers Twilio offers in {@code country} (ISO 3166 alpha-2) of {@code type} ({@code Local} or
     * {@code Mobile}) that can send SMS, in the area code where Twilio filters by one (the US and Canada only; it
     * ignores it elsewhere, so the caller filters too). A country or type Twilio does not offer (404) is none.
     */
    public List<Available> available(String country, String type, String areaCode) {
        StringBuilder query = new StringBuilder("/AvailablePhoneNumbers/")
                .append(URLEncoder.encode(country, StandardCharsets.UTF_8)).append('/').append(type)
                .append(".json?SmsEnabled=true&PageSize=").append(SEARCH_PAGE);
        if (areaCode != null && NORTH_AMERICA.contains(country)) {
            query.append("&AreaCode=").append(URLEncoder.encode(areaCode, StandardCharsets.UTF_8));
        }
        Optional<JsonObject> page = tried(() -> http.get(account(query.toString()),
                Map.of("Authorization", authorization), "Twilio: the numbers on offer"), "the numbers on offer", true);
        JsonArray numbers = page.map(p -> p.getJsonArray("available_phone_numbers")).orElse(null);
        List<Available> found = new ArrayList<>();
        if (numbers == null) {
            return found;
        }
        for (JsonValue n : numbers) {
            JsonObject number = n.asJsonObject();
            JsonObject capabilities = number.getJsonObject("capabilities");
            boolean sms = capabilities == null || capabilities.getBoolean("sms", capabilities.getBoolean("SMS", true));
            found.add(new Available(number.getString("phone_number", ""), sms,
                    number.getString("address_requirements", "none")));
        }
        return found;
    }

    /** Buys one number found by {@link #available} (Twilio answers at once). */
    public Bought buy(String phoneNumber, String smsUrl, Registration registration) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("PhoneNumber", phoneNumber);
        if (smsUrl != null && !smsUrl.isBlank()) {
            form.put("SmsUrl", smsUrl);
        }
        if (registration.addressSid() != null) {
            form.put("AddressSid", registration.addressSid());
        }
        if (registration.bundleSid() != null) {
            form.put("BundleSid", registration.bundleSid());
        }
        JsonObject number = call(account("/IncomingPhoneNumbers.json"), form, "a new number");
        return new Bought(number.getString("sid"), number.getString("phone_number"));
    }

    /** Releases the account's number (found by its E.164 form); a number the account no longer has is no error. */
    public void release(String e164) {
        URI list = account("/IncomingPhoneNumbers.json?PhoneNumber=" + URLEncoder.encode(e164, StandardCharsets.UTF_8));
        OutboundHttp.Answer answer = http.get(list, Map.of("Authorization", authorization), "the account's numbers");
        if (answer.status() != 200) {
            throw failure(answer, "the account's numbers");
        }
        JsonArray numbers = json(answer.body()).getJsonArray("incoming_phone_numbers");
        if (numbers == null) {
            return;
        }
        for (JsonValue n : numbers) {
            String sid = n.asJsonObject().getString("sid");
            OutboundHttp.Answer gone = http.delete(account("/IncomingPhoneNumbers/" + sid + ".json"),
                    Map.of("Authorization", authorization), "the number's release");
            if (gone.status() != 204 && gone.status() != 404) {
                throw failure(gone, "the number's release");
            }
        }
    }

    private URI account(String path) {
        return URI.create(base + "/2010-04-01/Accounts/" + URLEncoder.encode(accountSid, StandardCharsets.UTF_8)
                + path);
    }

    private JsonObject call(URI uri, Map<String, String> form, String what) {
        return tried(() -> http.postForm(uri, form, Map.of("Authorization", authorization), "Twilio: " + what), what,
                false).orElseThrow();
    }

    /** One exchange, tried again after 429, 5xx or a transport failure; a 404 is empty when {@code notFoundIsNone}. */
    private Optional<JsonObject> tried(Supplier<OutboundHttp.Answer> exchange, String what, boolean notFoundIsNone) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            OutboundHttp.Answer answer;
            try {
                answer = exchange.get();
            } catch (SmartSignInException e) {
                last = new SmsCarrierUnavailableException("Twilio could not be reached for " + what + ": "
                        + e.failure(), e);
                pause(attempt, "");
                continue;
            }
            if (answer.status() == 200 || answer.status() == 201) {
                return Optional.of(json(answer.body()));
            }
            if (answer.status() == 404 && notFoundIsNone) {
                return Optional.empty();
            }
            RuntimeException failed = failure(answer, what);
            if (failed instanceof SmsCarrierRefusedException) {
                throw failed;
            }
            last = failed;
            pause(attempt, answer.retryAfter());
        }
        throw last;
    }

    private void pause(int attempt, String retryAfter) {
        if (attempt >= attempts) {
            return;
        }
        Duration wait = attempt == 1 ? Duration.ofMillis(250) : Duration.ofSeconds(1);
        try {
            if (retryAfter != null && !retryAfter.isBlank()) {
                wait = Duration.ofSeconds(Long.parseLong(retryAfter.strip()));
            }
        } catch (NumberFormatException ignored) {
            // an HTTP date: keep the back-off
        }
        if (wait.compareTo(MAX_WAIT) > 0) {
            wait = MAX_WAIT;
        }
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SmsCarrierUnavailableException("Interrupted while waiting to try Twilio again.", e);
        }
    }

    private static RuntimeException failure(OutboundHttp.Answer answer, String what) {
        String reason = "HTTP " + answer.status();
        try {
            JsonObject error = json(answer.body());
            reason = reason + (error.containsKey("code") && !error.isNull("code") ? ", code " + error.get("code") : "")
                    + (error.containsKey("message") ? ": " + clean(error.getString("message", "")) : "");
        } catch (RuntimeException notJson) {
            // the status alone
        }
        if (answer.status() == 429 || answer.status() >= 500) {
            return new SmsCarrierUnavailableException("Twilio did not take " + what + " (" + reason + ").", null);
        }
        return new SmsCarrierRefusedException("Twilio refused " + what + " (" + reason + ").");
    }

    /** Twilio's words with any phone number cut out (they may name the destination). */
    static String clean(String message) {
        String cut = DIGITS.matcher(message).replaceAll("•••");
        return cut.length() > 200 ? cut.substring(0, 200) : cut;
    }

    private static JsonObject json(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }
}
