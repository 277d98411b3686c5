package org.openvisit.notify.infrastructure.builtin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openvisit.notify.application.NumberRequest;
import org.openvisit.notify.application.OutgoingSms;
import org.openvisit.notify.domain.model.OutboxEntry;
import org.openvisit.notify.domain.model.PatientMobile;
import org.openvisit.region.domain.model.RegionalStores;
import org.openvisit.tenant.domain.model.DataRegion;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.openvisit.notify.application.ProvisioningProgress;
import org.openvisit.notify.application.SmsCarrier;
import org.openvisit.notify.domain.model.SendingNumber;
import org.openvisit.notify.domain.model.SmsNumberRepository;
import org.openvisit.shared.domain.model.InvalidValueException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The built-in carrier (the default): nothing leaves the machine. It gives United States numbers from the range
 * reserved for fiction, {@code +1 <area code> 555-0100} to {@code 555-0199} (the first one no organization holds),
 * once {@code openvisit.sms.builtin.provisioning-delay-ms} has passed since the job started, so provisioning is as
 * asynchronous as with a real carrier. Its job reference carries everything it needs (start time, country, area
 * code, attempt), so any node answers for any job, also after a restart.
 * <p>
 * {@code openvisit.sms.builtin.failing-area-codes}: the first attempt of every number requested in one of these
 * area codes fails (its Retry succeeds), to try the failure and Retry without an outside carrier.
 */
@ApplicationScoped
@Typed(BuiltInSmsCarrier.class) // the SmsCarrier bean is the one configured (SmsCarrierSelection)
public class BuiltInSmsCarrier implements SmsCarrier {

    public static final String NAME = "builtin";
    private static final Logger LOG = Logger.getLogger(BuiltInSmsCarrier.class.getName());
    private static final String PREFIX = "builtin;";
    /** Messages per second and number: nothing leaves the machine, so the pace is only there to be exercised. */
    static final double DEFAULT_RATE = 1000;

    private Duration delay;
    private double ratePerNumber = DEFAULT_RATE;
    private String defaultAreaCode;
    private List<String> failingAreaCodes;
    private Supplier<Set<String>> heldNumbers;
    private Clock clock = Clock.systemUTC();
    private BiConsumer<DataRegion, OutboxEntry> outbox = (region, entry) -> { };

    protected BuiltInSmsCarrier() {
        // for CDI
    }

    @Inject
    BuiltInSmsCarrier(@ConfigProperty(name = "openvisit.sms.builtin.provisioning-delay-ms", defaultValue = "5000")
                      long delayMillis,
                      @ConfigProperty(name = "openvisit.sms.builtin.area-code", defaultValue = "202") String areaCode,
                      @ConfigProperty(name = "openvisit.sms.builtin.failing-area-codes")
                      java.util.Optional<String> failing,
                      @ConfigProperty(name = "openvisit.sms.builtin.rate-per-number", defaultValue = "1000")
                      double ratePerNumber,
                      SmsNumberRepository numbers, RegionalStores stores) {
        this(Duration.ofMillis(Math.max(0, delayMillis)), areaCode, failing.orElse(""), numbers::heldNumbers,
                Clock.systemUTC());
        this.outbox = (region, entry) -> stores.in(region).smsFeed().addOutbox(entry);
        this.ratePerNumber = ratePerNumber;
    }

    /** {@code openvisit.sms.builtin.rate-per-number} (1000): the outbox is on this machine, no carrier to spare. */
    @Override
    public double ratePerNumber() {
        return ratePerNumber;
    }

    /** For tests: the delay, default area code, failing area codes (comma-separated), held numbers and clock. */
    public BuiltInSmsCarrier(Duration delay, String defaultAreaCode, String failingAreaCodes,
                             Supplier<Set<String>> heldNumbers, Clock clock) {
        this.delay = delay;
        this.defaultAreaCode = defaultAreaCode.strip();
        this.failingAreaCodes = failingAreaCodes == null ? List.of() : Arrays.stream(failingAreaCodes.split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        this.heldNumbers = heldNumbers;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String startProvisioning(NumberRequest request) {
        String area = request.areaCode() == null ? defaultAreaCode : request.areaCode();
        return PREFIX + clock.millis() + ";" + request.country() + ";" + area + ";" + request.attempt();
    }

    @Override
    public ProvisioningProgress checkProvisioning(String job) {
        String[] parts = job == null || !job.startsWith(PREFIX) ? new String[0] : job.split(";");
        Instant started;
        int attempt;
        try {
            if (parts.length != 5) {
                throw new NumberFormatException();
            }
            started = Instant.ofEpochMilli(Long.parseLong(parts[1]));
            attempt = Integer.parseInt(parts[4]);
        } catch (NumberFormatException e) {
            return new ProvisioningProgress.Failed("The built-in carrier does not know this provisioning job. "
                    + "Retry to start a new one.");
        }
        String country = parts[2];
        String area = parts[3];
        if (clock.instant().isBefore(started.plus(delay))) {
            return new ProvisioningProgress.InProgress();
        }
        if (!"US".equals(country)) {
            return new ProvisioningProgress.Failed("The built-in carrier has United States numbers only (country US).");
        }
        if (attempt == 1 && failingAreaCodes.contains(area)) {
            return new ProvisioningProgress.Failed("The carrier could not set up a number in area code " + area
                    + " this time (the built-in carrier is set to fail a first attempt there). Press Retry.");
        }
        Set<String> held = heldNumbers.get();
        for (int line = 100; line <= 199; line++) {
            SendingNumber candidate;
            try {
                candidate = SendingNumber.of("+1" + area + "5550" + line);
            } catch (InvalidValueException e) {
                return new ProvisioningProgress.Failed("There is no area code " + area + " in the United States. "
                        + "Release this request and ask for a number in another area code.");
            }
            if (!held.contains(candidate.e164())) {
                return new ProvisioningProgress.Done(candidate);
            }
        }
        return new ProvisioningProgress.Failed("All 100 numbers of area code " + area + " are taken. Release "
                + "this request and ask for a number in another area code.");
    }

    /** For tests: where sent messages are recorded. */
    public BuiltInSmsCarrier recordingTo(BiConsumer<DataRegion, OutboxEntry> outbox) {
        this.outbox = outbox;
        return this;
    }

    /**
     * Records the message in the organization's outbox (in its region, in the caller's transaction), the patient's
     * number only masked; nothing leaves the machine.
     */
    @Override
    public String send(OutgoingSms sms) {
        UUID id = UUID.randomUUID();
        outbox.accept(sms.region(), new OutboxEntry(id, sms.organizationId(), sms.sendId(), sms.from(),
                PatientMobile.mask(sms.to()), sms.body(), clock.instant()));
        LOG.fine(() -> "Built-in carrier: message " + id + " to " + PatientMobile.mask(sms.to()) + " recorded");
        return PREFIX + id;
    }

    @Override
    public void release(SendingNumber number) {
        LOG.fine(() -> "Built-in carrier: number released");
    }
}
