package org.openvisit.notify.infrastructure.twilio;

import org.openvisit.notify.domain.model.SendingNumber;
import org.openvisit.shared.domain.model.InvalidValueException;

import java.util.List;
import java.util.Optional;

/**
 * Which of the numbers Twilio offers OpenVisit may buy for a request: numbers that can send SMS, that OpenVisit can
 * read as valid numbers of the asked country, in the asked area code (Twilio filters by area code only in the US and
 * Canada, so it is checked here for every country), and — unless an address or regulatory bundle is configured —
 * that need no registration. When none is left, {@link #whyNone} says why in words an administrator can act on.
 */
final class TwilioNumberChoice {

    static final int MAX_TRIES = 3;

    private final String country;
    private final String areaCode;
    private final boolean registered;

    TwilioNumberChoice(String country, String areaCode, boolean registered) {
        this.country = country;
        this.areaCode = areaCode;
        this.registered = registered;
    }

    /** The numbers to try to buy, in Twilio's order, at most {@value #MAX_TRIES}. */
    List<String> candidates(List<TwilioApi.Available> offered) {
        return offered.stream()
                .filter(TwilioApi.Available::sms)
                .filter(n -> registered || !n.needsAddress())
                .map(n -> readable(n.phoneNumber()))
                .flatMap(Optional::stream)
                .filter(n -> n.country().equals(country) && (areaCode == null || n.inAreaCode(areaCode)))
                .map(SendingNumber::e164)
                .limit(MAX_TRIES)
                .toList();
    }

    /** Why {@link #candidates} found nothing among {@code offered}. */
    String whyNone(List<TwilioApi.Available> offered) {
        String where = country + (areaCode == null ? "" : " in area code " + areaCode);
        boolean onlyRegistered = !registered && offered.stream().anyMatch(n -> n.sms() && n.needsAddress());
        if (onlyRegistered) {
            return "Twilio's numbers in " + where + " can only be bought with a registered address or regulatory "
                    + "bundle. Create one at Twilio, set openvisit.sms.twilio.bundle-sid (or address-sid), then retry.";
        }
        return "Twilio offers no number that can send SMS in " + where + " now. "
                + (areaCode == null ? "Retry later." : "Retry with another area code, or without one.");
    }

    private static Optional<SendingNumber> readable(String number) {
        try {
            return Optional.of(SendingNumber.of(number));
        } catch (InvalidValueException e) {
            return Optional.empty();
        }
    }
}
