package org.openvisit.sandbox.twilio;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * What the stand-in posts to OpenVisit, signed as Twilio signs ({@code X-Twilio-Signature}): after a message is taken,
 * {@code sent} and then {@code delivered} to its status callback (MessageSid, MessageStatus, AccountSid, From, To,
 * ApiVersion; a few hundred milliseconds apart), and a message a patient sends to a number the account holds, to that
 * number's {@code SmsUrl} (MessageSid, AccountSid, From, To, Body, NumMedia). A post that fails is not tried again.
 */
@ApplicationScoped
public class TwilioWebhooks {

    private static final Logger LOG = Logger.getLogger(TwilioWebhooks.class.getName());
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @Inject
    private TwilioStubAccount account;

    void report(String accountSid, TwilioStubAccount.Message message) {
        if (message.statusCallback() == null || message.statusCallback().isBlank()) {
            return;
        }
        CompletableFuture.runAsync(() -> post(accountSid, message, "sent"),
                        CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS))
                .thenRunAsync(() -> post(accountSid, message, "delivered"),
                        CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS));
    }

    /** A patient's message to the account's number {@code to}; the number's SmsUrl's answer status (0 if none). */
    int inbound(String accountSid, TwilioStubAccount.Held to, String from, String body) {
        if (to.smsUrl() == null || to.smsUrl().isBlank()) {
            return 0;
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("MessageSid", "SM" + java.util.UUID.randomUUID().toString().replace("-", ""));
        form.put("AccountSid", accountSid);
        form.put("From", from);
        form.put("To", to.phoneNumber());
        form.put("Body", body);
        form.put("NumMedia", "0");
        form.put("ApiVersion", "2010-04-01");
        return post(to.smsUrl(), form);
    }

    private void post(String accountSid, TwilioStubAccount.Message message, String status) {
        account.status(message.sid(), status);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("MessageSid", message.sid());
        form.put("SmsSid", message.sid());
        form.put("MessageStatus", status);
        form.put("SmsStatus", status);
        form.put("AccountSid", accountSid);
        form.put("From", message.from());
        form.put("To", message.to());
        form.put("ApiVersion", "2010-04-01");
        int answered = post(message.statusCallback(), form);
        if (answered >= 300 || answered == 0) {
            LOG.info(() -> "Twilio stand-in: the status callback answered " + answered);
        }
    }

    /** Posts the signed form; the answer's status, 0 when there was none. */
    private static int post(String url, Map<String, String> form) {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("X-Twilio-Signature", TwilioStubSignature.of(TwilioStubAccount.AUTH_TOKEN, url, form))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (java.io.IOException e) {
            LOG.info(() -> "Twilio stand-in: posting to OpenVisit failed: " + e.getClass().getSimpleName());
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
