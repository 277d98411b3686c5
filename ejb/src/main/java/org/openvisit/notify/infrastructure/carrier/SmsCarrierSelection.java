package org.openvisit.notify.infrastructure.carrier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openvisit.notify.application.SmsCarrier;
import org.openvisit.notify.infrastructure.builtin.BuiltInSmsCarrier;
import org.openvisit.notify.infrastructure.twilio.TwilioSmsCarrier;

import java.util.Locale;

/**
 * The {@link SmsCarrier} every service gets: {@code openvisit.sms.carrier} = {@code builtin} (default; nothing leaves
 * the machine) or {@code twilio} (the Twilio-compatible API, see {@link TwilioSmsCarrier} for its settings). Another
 * name stops the start with a clear message.
 */
@ApplicationScoped
public class SmsCarrierSelection {

    @Inject
    @ConfigProperty(name = "openvisit.sms.carrier", defaultValue = BuiltInSmsCarrier.NAME)
    String configured;

    @Inject
    Instance<BuiltInSmsCarrier> builtin;

    @Inject
    Instance<TwilioSmsCarrier> twilio;

    @Produces
    @ApplicationScoped
    SmsCarrier carrier() {
        return switch (configured.strip().toLowerCase(Locale.ROOT)) {
            case BuiltInSmsCarrier.NAME -> builtin.get();
            case TwilioSmsCarrier.NAME -> twilio.get();
            default -> throw new IllegalStateException("openvisit.sms.carrier is '" + configured
                    + "'; it must be builtin or twilio.");
        };
    }

    /** Whether the configured carrier is the Twilio-compatible one (its webhooks answer only then). */
    public boolean twilio() {
        return TwilioSmsCarrier.NAME.equalsIgnoreCase(configured.strip());
    }
}
