package org.openvisit.notify.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openvisit.notify.domain.model.NumberPace;

import java.time.Duration;
import java.util.Optional;

/**
 * The send job's pace settings: {@code openvisit.sms.rate-per-number} (messages per second and sending number; when
 * not set, the carrier's own: 1 for a Twilio long code, {@code openvisit.sms.builtin.rate-per-number} for the built-in
 * carrier) and the back-off after a transient carrier fault, {@code openvisit.sms.retry.backoff-base} (PT2S) doubling
 * per failure in a row up to {@code openvisit.sms.retry.backoff-max} (PT5M).
 */
@ApplicationScoped
public class SmsSendPacing {

    private double rate;
    private Duration backoffBase;
    private Duration backoffMax;

    protected SmsSendPacing() {
        // for CDI
    }

    @Inject
    SmsSendPacing(@ConfigProperty(name = "openvisit.sms.rate-per-number") Optional<Double> rate, SmsCarrier carrier,
                  @ConfigProperty(name = "openvisit.sms.retry.backoff-base", defaultValue = "PT2S") Duration base,
                  @ConfigProperty(name = "openvisit.sms.retry.backoff-max", defaultValue = "PT5M") Duration max) {
        this.rate = rate.orElseGet(carrier::ratePerNumber);
        NumberPace.interval(this.rate); // refuses a rate of 0 or less at start
        if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
            throw new IllegalStateException("openvisit.sms.retry.backoff-base must be above zero and at most "
                    + "openvisit.sms.retry.backoff-max.");
        }
        this.backoffBase = base;
        this.backoffMax = max;
    }

    public double rate() {
        return rate;
    }

    public Duration backoffBase() {
        return backoffBase;
    }

    public Duration backoffMax() {
        return backoffMax;
    }
}
