package org.openvisit.notify.domain.model;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import org.openvisit.shared.domain.model.InvalidValueException;

import java.util.Objects;

/**
 * A phone number an organization sends SMS from (never a patient's), in E.164 ({@code +12025550123}), checked by
 * libphonenumber: a number that is not valid for its country is refused.
 */
public record SendingNumber(String e164) {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    public SendingNumber {
        Objects.requireNonNull(e164, "e164");
        PhoneNumber parsed = parse(e164);
        String normal = PHONES.format(parsed, PhoneNumberFormat.E164);
        if (!normal.equals(e164)) {
            throw new InvalidValueException("number", "Write the phone number in E.164, as " + normal + ".")
                    .worded("sms.number.e164", normal);
        }
    }

    /** Parses what a carrier or a person wrote (international form, with or without spaces) into E.164. */
    public static SendingNumber of(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidValueException("number", "The phone number is missing.").worded("sms.number.required");
        }
        return new SendingNumber(PHONES.format(parse(text.strip()), PhoneNumberFormat.E164));
    }

    private static PhoneNumber parse(String text) {
        PhoneNumber parsed;
        try {
            parsed = PHONES.parse(text, "ZZ");
        } catch (NumberParseException e) {
            throw new InvalidValueException("number", "This is not a phone number in international form "
                    + "(+ country code and number, for example +1 202 555 0123).").worded("sms.number.international");
        }
        if (!PHONES.isValidNumber(parsed)) {
            throw new InvalidValueException("number", "This is not a valid phone number for its country.")
                    .worded("sms.number.invalid");
        }
        return parsed;
    }

    /** The international form people read, {@code +1 202-555-0123}. */
    public String international() {
        return PHONES.format(parse(e164), PhoneNumberFormat.INTERNATIONAL);
    }

    /** Whether the number's national part starts with {@code areaCode} (digits), e.g. +1 202 555 0123 in 202. */
    public boolean inAreaCode(String areaCode) {
        return PHONES.getNationalSignificantNumber(parse(e164)).startsWith(areaCode);
    }

    /** The number's country (ISO 3166 alpha-2). */
    public String country() {
        return PHONES.getRegionCodeForNumber(parse(e164));
    }

    @Override
    public String toString() {
        return e164;
    }
}
