package org.openvisit.notify.infrastructure.twilio;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openvisit.ehr.OutboundHttp;
import org.openvisit.notify.application.NumberRequest;
import org.openvisit.notify.application.OutgoingSms;
import org.openvisit.notify.application.ProvisioningProgress;
import org.openvisit.notify.application.SmsCarrier;
import org.openvisit.notify.application.SmsCarrierRefusedException;
import org.openvisit.notify.domain.model.OutboxEntry;
import org.openvisit.notify.domain.model.PatientMobile;
import org.openvisit.notify.domain.model.SendingNumber;
import org.openvisit.region.domain.model.RegionalStores;
import org.openvisit.shared.domain.model.InvalidValueException;
import org.openvisit.tenant.application.OutboundAddressConfiguration;
import org.openvisit.tenant.domain.model.DataRegion;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.logging.Logger;

/**
 * The Twilio-compatible carrier ({@code openvisit.sms.carrier=twilio}): messages through Twilio's Messaging API,
 * each also recorded in the organization's outbox (number masked) with Twilio's message SID, whose delivery status
 * the status callback ({@code POST /api/feeds/twilio/status}, {@code X-Twilio-Signature} checked) moves along;
 * numbers found through {@code AvailablePhoneNumbers} (in any country Twilio serves, in an area code if asked),
 * bought and released through {@code IncomingPhoneNumbers}.
 * <p>
 * Configuration: {@code openvisit.sms.twilio.base-url} ({@code https://api.twilio.com}; tests point it to a local
 * stub), {@code openvisit.sms.twilio.account-sid}, {@code openvisit.sms.twilio.auth-token} (a secret: environment
 * variable {@code OPENVISIT_SMS_TWILIO_AUTH_TOKEN}), {@code openvisit.sms.twilio.status-callback-url} (default
 * {@code <openvisit.public-url>/api/feeds/twilio/status}; the URL the signature is checked against) and
 * {@code openvisit.sms.twilio.inbound-url} (default {@code <openvisit.public-url>/api/feeds/twilio/inbound}: the
 * {@code SmsUrl} of the numbers bought, where STOP, START and HELP arrive), and where a country's numbers need them,
 * {@code openvisit.sms.twilio.address-sid} and {@code openvisit.sms.twilio.bundle-sid} (the registered address and
 * regulatory bundle made at Twilio, given with every purchase).
 */
@ApplicationScoped
@Typed(TwilioSmsCarrier.class)
public class TwilioSmsCarrier implements SmsCarrier {

    public static final String NAME = "twilio";
    private static final Logger LOG = Logger.getLogger(TwilioSmsCarrier.class.getName());
    private static final String PREFIX = "twilio;";
    private static final String FAILED = "twilio-failed;";

    @Inject
    @ConfigProperty(name = "openvisit.sms.twilio.base-url", defaultValue = "https://api.twilio.com")
    String baseUrl;

    @Inject
    @ConfigProperty(name = "openvisit.sms.twilio.account-sid")
    Optional<String> accountSid;

    @Inject
    @ConfigProperty(name = "openvisit.sms.twilio.auth-token")
    Optional<String> authToken;

    @Inject
    @ConfigProperty(name = "openvisit.sms.twilio.status-callback-url")
    Optional<String> statusCallback;

    @Inject
    @ConfigProperty(name = "openvisit.sms.twilio.inbound-url")
    Optional<String> inbound;

    @Inject
    @ConfigProperty(name = "openvisit.sms.twilio.address-sid")
    Optional<String> addressSid;

    @Inject
    @ConfigProperty(name = "openvisit.sms.twilio.bundle-sid")
    Optional<String> bundleSid;

    @Inject
    @ConfigProperty(name = "openvisit.public-url", defaultValue = "http://localhost:8080")
    String publicUrl;

    @Inject
    OutboundAddressConfiguration addresses;

    @Inject
    RegionalStores stores;

    private TwilioApi api;
    private String callbackUrl;
    private String inboundUrl;
    private TwilioApi.Registration registration = TwilioApi.Registration.NONE;
    private BiConsumer<DataRegion, OutboxEntry> outbox;
    private Clock clock = Clock.systemUTC();

    protected TwilioSmsCarrier() {
        // for CDI
    }

    /** For tests: the API, the status callback URL, where sent messages are recorded, and the clock. */
    public TwilioSmsCarrier(TwilioApi api, String callbackUrl, BiConsumer<DataRegion, OutboxEntry> outbox, Clock clock) {
        this(api, callbackUrl, outbox, clock, TwilioApi.Registration.NONE);
    }

    /** For tests: as above, with the address or regulatory bundle numbers are bought with. */
    public TwilioSmsCarrier(TwilioApi api, String callbackUrl, BiConsumer<DataRegion, OutboxEntry> outbox, Clock clock,
                            TwilioApi.Registration registration) {
        this.api = api;
        this.callbackUrl = callbackUrl;
        this.outbox = outbox;
        this.clock = clock;
        this.registration = registration;
    }

    @PostConstruct
    void wire() {
        if (accountSid.isEmpty() || authToken.isEmpty()) {
            throw new IllegalStateException("openvisit.sms.carrier is twilio, but openvisit.sms.twilio.account-sid "
                    + "or openvisit.sms.twilio.auth-token is not set.");
        }
        api = new TwilioApi(new OutboundHttp(addresses.policy()), URI.create(baseUrl.strip()), accountSid.get().strip(),
                authToken.get().strip(), 3, d -> Thread.sleep(d.toMillis()));
        String base = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        callbackUrl = statusCallback.map(String::strip).filter(s -> !s.isEmpty())
                .orElse(base + "/api/feeds/twilio/status");
        inboundUrl = inbound.map(String::strip).filter(s -> !s.isEmpty()).orElse(base + "/api/feeds/twilio/inbound");
        outbox = (region, entry) -> stores.in(region).smsFeed().addOutbox(entry);
        registration = new TwilioApi.Registration(addressSid.map(String::strip).filter(a -> !a.isEmpty()).orElse(null),
                bundleSid.map(String::strip).filter(b -> !b.isEmpty()).orElse(null));
        LOG.info(() -> "SMS carrier: Twilio-compatible API at " + baseUrl + ", status callbacks to " + callbackUrl);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The auth token the webhooks' signatures are made with. */
    public String authToken() {
        return authToken.orElseThrow().strip();
    }

    /** Where Twilio posts the messages patients send to the numbers bought here (the URL its signature covers). */
    public String inboundUrl() {
        return inboundUrl;
    }

    /** The status callback URL given with every message (the URL its signature covers). */
    public String statusCallbackUrl() {
        return callbackUrl;
    }

    /**
     * Hands the message to Twilio, then records it in the outbox with Twilio's SID and first status (in the caller's
     * transaction).
     */
    @Override
    public String send(OutgoingSms sms) {
        TwilioApi.Sent sent = api.send(sms.from(), sms.to(), sms.body(), callbackUrl);
        outbox.accept(sms.region(), new OutboxEntry(UUID.randomUUID(), sms.organizationId(), sms.sendId(), sms.from(),
                PatientMobile.mask(sms.to()), sms.body(), clock.instant(), sent.sid(), sent.status(), clock.instant()));
        LOG.fine(() -> "Twilio took message " + sent.sid() + " to " + PatientMobile.mask(sms.to()));
        return sent.sid();
    }

    /**
     * Finds the numbers Twilio offers in the request's country (local numbers, else mobile ones) and buys the first
     * that suits ({@link TwilioNumberChoice}); one taken by someone else meanwhile is passed for the next. The job
     * reference carries the number bought, or why none was. Twilio unreachable or busy: thrown, so the provisioning
     * job tries again at its next scan.
     */
    @Override
    public String startProvisioning(NumberRequest request) {
        TwilioNumberChoice choice = new TwilioNumberChoice(request.country(), request.areaCode(),
                registration.present());
        List<TwilioApi.Available> offered = new ArrayList<>(api.available(request.country(), "Local",
                request.areaCode()));
        List<String> candidates = choice.candidates(offered);
        if (candidates.isEmpty()) {
            List<TwilioApi.Available> mobile = api.available(request.country(), "Mobile", request.areaCode());
            offered.addAll(mobile);
            candidates = choice.candidates(mobile);
        }
        if (candidates.isEmpty()) {
            return FAILED + choice.whyNone(offered);
        }
        String refused = null;
        for (String candidate : candidates) {
            try {
                TwilioApi.Bought bought = api.buy(candidate, inboundUrl, registration);
                return PREFIX + bought.sid() + ";" + bought.phoneNumber();
            } catch (SmsCarrierRefusedException e) {
                refused = e.getMessage();
            }
        }
        return FAILED + refused;
    }

    @Override
    public ProvisioningProgress checkProvisioning(String job) {
        if (job != null && job.startsWith(FAILED)) {
            return new ProvisioningProgress.Failed(job.substring(FAILED.length()));
        }
        String[] parts = job == null || !job.startsWith(PREFIX) ? new String[0] : job.split(";");
        if (parts.length != 3) {
            return new ProvisioningProgress.Failed("The Twilio carrier does not know this provisioning job. "
                    + "Retry to start a new one.");
        }
        try {
            return new ProvisioningProgress.Done(SendingNumber.of(parts[2]));
        } catch (InvalidValueException e) {
            return new ProvisioningProgress.Failed("Twilio gave a number OpenVisit cannot read (" + parts[1] + ").");
        }
    }

    @Override
    public void release(SendingNumber number) {
        api.release(number.e164());
    }
}
