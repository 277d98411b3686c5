package org.openvisit.notify.domain.model;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import java.util.Objects;

/**
 * A patient's mobile number as the EHR sent it, checked and normalised to E.164 by libphonenumber: a number without a
 * country code is read in the endpoint's region; a number that is not valid, or valid but not one that can receive
 * SMS (a fixed line), is refused. Never logged or shown in clear: {@link #masked()}.
 */
public record PatientMobile(String e164) {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    public PatientMobile {
        Objects.requireNonNull(e164, "e164");
    }

    /** @throws InvalidPatientNumberException the text is no valid mobile number (the reason names no digits) */
    public static PatientMobile parse(String text, String defaultRegion) {
        if (text == null || text.isBlank()) {
            throw new InvalidPatientNumberException(InvalidPatientNumberException.Reason.MISSING,
                    "The message has no phone number for the patient.");
        }
        PhoneNumber parsed;
        try {
            parsed = PHONES.parse(text.strip(), defaultRegion);
        } catch (NumberParseException e) {
            throw new InvalidPatientNumberException(InvalidPatientNumberException.Reason.UNREADABLE,
                    "The patient's phone number cannot be read as a phone number.");
        }
        if (!PHONES.isValidNumber(parsed)) {
            throw new InvalidPatientNumberException(InvalidPatientNumberException.Reason.INVALID,
                    "The patient's phone number is not a valid number for "
                    + (PHONES.getRegionCodeForNumber(parsed) == null ? "any country"
                    : "its country (" + PHONES.getRegionCodeForNumber(parsed) + ")") + ".");
        }
        PhoneNumberType type = PHONES.getNumberType(parsed);
        if (type != PhoneNumberType.MOBILE && type != PhoneNumberType.FIXED_LINE_OR_MOBILE) {
            throw new InvalidPatientNumberException(InvalidPatientNumberException.Reason.NOT_MOBILE,
                    "The patient's phone number is not a mobile number ("
                    + type.name().toLowerCase().replace('_', ' ') + "), so it cannot receive SMS.");
        }
        return new PatientMobile(PHONES.format(parsed, PhoneNumberFormat.E164));
    }

    /** For logs and pages: the country code and the last four digits, {@code +1•••••••4567}. */
    public String masked() {
        return mask(e164);
    }

    /** Masks any E.164 number as {@link #masked()} does. */
    public static String mask(String e164) {
        if (e164 == null || e164.length() < 6) {
            return "•••";
        }
        String digits = e164.substring(1);
        int country;
        try {
            country = PHONES.parse(e164, "ZZ").getCountryCode();
        } catch (NumberParseException e) {
            country = 0;
        }
        String cc = country == 0 ? "" : String.valueOf(country);
        int hidden = Math.max(0, digits.length() - cc.length() - 4);
        return "+" + cc + "•".repeat(hidden) + digits.substring(digits.length() - 4);
    }

    @Override
    public String toString() {
        return masked();
    }
}
