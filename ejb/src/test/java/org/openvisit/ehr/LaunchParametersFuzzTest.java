package org.openvisit.ehr;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.openvisit.shared.domain.model.InvalidValueException;
import org.openvisit.tenant.domain.model.FhirBaseUrl;
import org.openvisit.tenant.domain.model.OutboundAddressPolicy;

import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A SMART launch's own parameters, as the EHR (or anyone) puts them in the launch URL: {@code iss} is looked up among
 * the approved endpoints through {@link FhirBaseUrl}'s normal form, and {@code launch} travels to the EHR's authorize
 * endpoint. Whatever they hold: an issuer is refused as an address (never another exception) or is a normal,
 * idempotent http(s) base URL without query, fragment, user part or control characters; a launch value reaches the
 * EHR exactly as it came, as one parameter, and cannot add or replace another one (state, aud, redirect_uri).
 */
class LaunchParametersFuzzTest {

    private static final OutboundAddressPolicy DEVELOPMENT = new OutboundAddressPolicy(true, false);
    private static final String REDIRECT = "https://openvisit.example.org/launch/callback";

    @FuzzTest(maxDuration = "3s")
    void anyIssuerIsRefusedOrANormalBaseUrl(FuzzedDataProvider data) {
        OutboundAddressPolicy policy = data.consumeBoolean() ? OutboundAddressPolicy.PRODUCTION : DEVELOPMENT;
        String iss = switch (data.consumeInt(0, 2)) {
            case 0 -> "https://" + data.consumeRemainingAsString();
            case 1 -> "http://127.0.0.1:" + data.consumeRemainingAsString();
            default -> data.consumeRemainingAsString();
        };

        FhirBaseUrl url;
        try {
            url = FhirBaseUrl.of(iss, policy);
        } catch (InvalidValueException refused) {
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        String value = url.value();
        assertThat(value).matches("https?://[^/?#@\\s]+(/[^?#\\s]*)?").hasSizeLessThanOrEqualTo(FhirBaseUrl.MAX_LENGTH)
                .doesNotContainPattern("\\p{Cntrl}").doesNotEndWith("/");
        assertThat(FhirBaseUrl.of(value, policy).value()).as("the normal form of a normal form").isEqualTo(value);
        assertThat(URI.create(value).getHost()).isNotNull();
    }

    @FuzzTest(maxDuration = "3s")
    void anyLaunchValueReachesTheEhrUnchangedAsOneParameter(FuzzedDataProvider data) {
        String launch = data.consumeRemainingAsString();
        if (launch.isBlank() || launch.codePoints().anyMatch(c -> Character.getType(c) == Character.SURROGATE)) {
            return; // refused before ("Incomplete launch"), or not text a request can carry (decoded as U+FFFD)
        }
        SmartAuthorization authorization = SmartAuthorization.start(
                SmartAuthorizationTest.configuration("https://ehr.example.org/oauth/authorize?tenant=a"),
                "openvisit", REDIRECT, "launch openid fhirUser", launch);

        URI authorize = authorization.authorizeUri();
        assertThat(authorize.getHost()).isEqualTo("ehr.example.org");
        assertThat(authorize.getPath()).isEqualTo("/oauth/authorize");
        assertThat(authorize.getRawQuery().split("&")).filteredOn(p -> p.startsWith("launch=")).hasSize(1);
        Map<String, String> query = SmartAuthorizationTest.query(authorize);
        assertThat(query).containsEntry("launch", launch)
                .containsEntry("state", authorization.state())
                .containsEntry("aud", SmartAuthorizationTest.FHIR_BASE)
                .containsEntry("redirect_uri", REDIRECT)
                .containsEntry("client_id", "openvisit")
                .containsEntry("tenant", "a");
    }
}
