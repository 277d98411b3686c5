package org.openvisit.tenant.domain.model;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The EHR user of an approver's EHR sign-in, once it is known to be EHR staff: a {@code Practitioner} or
 * {@code PractitionerRole} (SMART App Launch 2.x {@code fhirUser}), relative ({@code Practitioner/123}) or
 * absolute on the endpoint's own FHIR base URL ({@code https://ehr.example.org/fhir/Practitioner/123}).
 * Kept as the EHR sent it.
 * <p>
 * Refused ({@link EhrUserNotStaffException}): a {@code Patient} or {@code RelatedPerson} (a patient-portal
 * account, a proxy), any other kind of resource ({@code Person}, {@code Device}), an absolute reference on
 * another server, and a value that is no FHIR reference at all: the EHR layer answers {@code fhirUser}, else
 * the OpenID {@code sub}, and a {@code sub} is an account id (Epic and Oracle Health send opaque ones) that
 * says nothing about who signed in.
 */
public record StaffEhrUser(String reference) {

    /** FHIR R4 id: 1 to 64 of letters, digits, '-' and '.'. */
    private static final String ID = "[A-Za-z0-9\\-.]{1,64}";
    private static final Pattern RELATIVE = Pattern.compile("([A-Z][A-Za-z]{1,63})/(" + ID + ")(/_history/" + ID + ")?");
    private static final Pattern ABSOLUTE = Pattern.compile("((?i:https?)://.+)/([A-Z][A-Za-z]{1,63})/(" + ID
            + ")(/_history/" + ID + ")?");

    public StaffEhrUser {
        Objects.requireNonNull(reference, "reference");
    }

    /**
     * Checks the EHR user of a sign-in against the rule above.
     *
     * @param ehrUser      {@code fhirUser} as the id_token gave it, else its {@code sub}
     * @param endpointBase the FHIR base URL of the endpoint being verified
     * @throws EhrUserNotStaffException saying why the sign-in proves no staff access
     */
    public static StaffEhrUser of(String ehrUser, FhirBaseUrl endpointBase) {
        Objects.requireNonNull(endpointBase, "endpointBase");
        String value = ehrUser == null ? "" : ehrUser.strip();
        String type;
        Matcher relative = RELATIVE.matcher(value);
        Matcher absolute = ABSOLUTE.matcher(value);
        if (relative.matches()) {
            type = relative.group(1);
            requireStaff(type);
        } else if (absolute.matches()) {
            type = absolute.group(2);
            requireStaff(type);
            if (!sameBase(absolute.group(1), endpointBase)) {
                throw new EhrUserNotStaffException(EhrUserNotStaffException.Reason.OTHER_SERVER, type,
                        "The EHR says you are a user of another FHIR server, not of " + endpointBase + ". Sign in "
                                + "to the EHR this endpoint belongs to, or check the FHIR base URL with the EHR team.");
            }
        } else {
            throw new EhrUserNotStaffException(EhrUserNotStaffException.Reason.NO_FHIR_USER, null,
                    "The EHR signed you in but did not say which of its users you are (no fhirUser, only an "
                            + "account id), so the sign-in proves no staff access. Ask the EHR team to grant "
                            + "OpenVisit's app the fhirUser scope, then sign in again.");
        }
        return new StaffEhrUser(value);
    }

    private static void requireStaff(String type) {
        switch (type) {
            case "Practitioner", "PractitionerRole" -> { }
            case "Patient" -> throw new EhrUserNotStaffException(EhrUserNotStaffException.Reason.PATIENT, type,
                    "You signed in to the EHR as a patient. Verifying an endpoint needs the sign-in of EHR staff: "
                            + "sign in again with your own clinician or analyst account of the EHR.");
            case "RelatedPerson" -> throw new EhrUserNotStaffException(EhrUserNotStaffException.Reason.RELATED_PERSON,
                    type, "You signed in to the EHR as a patient's relative or proxy. Verifying an endpoint needs the "
                            + "sign-in of EHR staff: sign in again with your own clinician or analyst account of the EHR.");
            default -> throw new EhrUserNotStaffException(EhrUserNotStaffException.Reason.OTHER_USER_TYPE, type,
                    "The EHR says you signed in as a " + type + ", not as a practitioner. Verifying an endpoint needs "
                            + "the sign-in of EHR staff: sign in again with your own clinician or analyst account.");
        }
    }

    private static boolean sameBase(String base, FhirBaseUrl endpointBase) {
        try {
            return FhirBaseUrl.stored(base).equals(endpointBase);
        } catch (RuntimeException notAUrl) {
            return false;
        }
    }
}
