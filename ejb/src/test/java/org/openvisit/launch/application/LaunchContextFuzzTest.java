package org.openvisit.launch.application;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A SMART launch's context arrives from the EHR's token response ({@code appointment}, {@code encounter}, the
 * {@code fhirUser} and their absolute or relative references) and is judged against the endpoint's FHIR base URL:
 * whatever the EHR sends, and whatever base URL an administrator typed, a reference ends as this server's resource
 * (a type and an id that are safe to put in a FHIR URL), another server's, or not a reference — never an exception
 * the launch would turn into a server error.
 */
class LaunchContextFuzzTest {

    private static final String BASE = "http://127.0.0.1:8080/fhir";

    @FuzzTest(maxDuration = "3s")
    void anyContextReferenceIsLocalForeignOrInvalid(FuzzedDataProvider data) {
        String base = data.consumeBoolean() ? BASE : data.consumeString(80);
        String value = switch (data.consumeInt(0, 3)) {
            case 0 -> BASE + "/" + data.consumeRemainingAsString();
            case 1 -> data.consumeString(20) + "/" + data.consumeRemainingAsString();
            default -> data.consumeRemainingAsString();
        };

        EhrReference reference = EhrReference.parse(value, base);

        assertThat(reference.kind()).isNotNull();
        if (reference.kind() == EhrReference.Kind.LOCAL) {
            assertThat(reference.type()).matches("[A-Z][A-Za-z]{1,63}");
            assertThat(reference.id()).matches("[A-Za-z0-9\\-.]{1,64}");
        } else {
            assertThat(reference.type()).isNull();
            assertThat(reference.id()).isNull();
        }
        // under the base URL or not: an answer either way, and what is under it is part of the value
        EhrReference.relativeTo(value, base).ifPresent(relative -> assertThat(value).contains(relative));
    }
}
