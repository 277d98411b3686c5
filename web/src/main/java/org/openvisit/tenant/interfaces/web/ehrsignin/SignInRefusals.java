package org.openvisit.tenant.interfaces.web.ehrsignin;

import org.openvisit.tenant.domain.model.EhrUserNotStaffException;
import org.openvisit.tenant.domain.model.EndpointChangedDuringSignInException;
import org.openvisit.tenant.interfaces.web.TenantText;

/**
 * The analyst's words for an EHR sign-in that proves no staff access or that came back for an endpoint that
 * changed meanwhile, from the tenant bundle ({@code ehrSignIn.refused.*}, {@code ehrSignIn.discarded.*}).
 */
final class SignInRefusals {

    private SignInRefusals() {
    }

    static String notStaff(TenantText.Texts texts, EhrUserNotStaffException refused, String fhirBaseUrl) {
        String key = "ehrSignIn.refused." + refused.reason().name();
        return switch (refused.reason()) {
            case OTHER_USER_TYPE -> texts.format(key, refused.resourceType());
            case OTHER_SERVER -> texts.format(key, fhirBaseUrl);
            case PATIENT, RELATED_PERSON, NO_FHIR_USER -> texts.format(key);
        };
    }

    static String changed(TenantText.Texts texts, EndpointChangedDuringSignInException discarded) {
        String key = "ehrSignIn.discarded." + discarded.change().name();
        return switch (discarded.change()) {
            case BASE_URL -> texts.format(key, discarded.currentBaseUrl(), discarded.signedInAt());
            case STATUS -> texts.format(key, texts.status(discarded.currentStatus()));
            case OTHER -> texts.format(key);
        };
    }
}
