package org.openvisit.tenant.domain.model;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openvisit.tenant.domain.model.Endpoints.ADMIN;
import static org.openvisit.tenant.domain.model.Endpoints.APPROVER;
import static org.openvisit.tenant.domain.model.Endpoints.at;

class FrameAncestorsTest {

    private static InvalidFrameAncestorsException refusal(String text, boolean development) {
        return (InvalidFrameAncestorsException) org.assertj.core.api.Assertions.catchThrowable(
                () -> FrameAncestors.parse(text, development));
    }

    @Nested
    class Parsing {

        @Test
        void acceptsOriginsSeparatedBySpacesCommasAndLinesInNormalForm() {
            FrameAncestors parsed = FrameAncestors.parse(" HTTPS://EHR.Example.org:443/ ,https://ehr.example.org\n"
                    + "https://powerchart.example.org:8443\r\nhttps://bücher.example", false);
            assertThat(parsed.origins()).containsExactly("https://ehr.example.org",
                    "https://powerchart.example.org:8443", "https://xn--bcher-kva.example");
            assertThat(parsed.directive()).isEqualTo("frame-ancestors https://ehr.example.org "
                    + "https://powerchart.example.org:8443 https://xn--bcher-kva.example");
            assertThat(FrameAncestors.stored(parsed.stored())).isEqualTo(parsed);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "   ", "\n"})
        void blankMeansTheDefault(String text) {
            assertThat(FrameAncestors.parse(text, false)).isNull();
            assertThat(FrameAncestors.parse(null, false)).isNull();
        }

        @Test
        void acceptsIpAddressesAndIpv6Literals() {
            assertThat(FrameAncestors.parse("https://10.1.2.3:9443 https://[2001:DB8::1]", false).origins())
                    .containsExactly("https://10.1.2.3:9443", "https://[2001:db8::1]");
        }

        @Test
        void httpOnlyInDevelopmentMode() {
            assertThat(refusal("http://ehr.example.org", false).problem())
                    .isEqualTo(InvalidFrameAncestorsException.Problem.NOT_HTTPS);
            assertThat(FrameAncestors.parse("http://localhost:8080 http://127.0.0.1:80", true).origins())
                    .containsExactly("http://localhost:8080", "http://127.0.0.1");
        }

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource(delimiter = '|', value = {
                "ehr.example.org                         | NOT_AN_ORIGIN",
                "'self'                                  | NOT_AN_ORIGIN",
                "'none'                                  | NOT_AN_ORIGIN",
                "ftp://ehr.example.org                   | NOT_AN_ORIGIN",
                "https://user@ehr.example.org            | NOT_AN_ORIGIN",
                "https://ehr.example.org;script-src      | NOT_AN_ORIGIN",
                "https://ehr_example.org                 | NOT_AN_ORIGIN",
                "https://                                | NOT_AN_ORIGIN",
                "data:text/html,hi                       | NOT_AN_ORIGIN",
                "https://ehr.example.org/app             | HAS_PATH",
                "https://ehr.example.org/?a=b            | HAS_PATH",
                "https://ehr.example.org#top             | HAS_PATH",
                "https://*.example.org                   | WILDCARD",
                "*                                       | WILDCARD",
        })
        void refusesWhatIsNoOriginSayingWhy(String text, InvalidFrameAncestorsException.Problem problem) {
            InvalidFrameAncestorsException refused = refusal(text, true);
            assertThat(refused).as(text).isNotNull();
            assertThat(refused.problem()).isEqualTo(problem);
            assertThat(refused.field()).isEqualTo("frameAncestors");
            assertThat(refused.getMessage()).isNotBlank();
        }

        @Test
        void nothingThatCouldBendTheHeaderGetsThrough() {
            for (String text : new String[] {"https://a.example.org\u0000", "https://a.example.org\"",
                    "https://a.example.org'", "https://a.example.org\\"}) {
                assertThat(refusal(text, true)).as(text).isNotNull();
            }
        }

        @Test
        void refusesMoreThanTenSitesAndTooLongLists() {
            String eleven = IntStream.rangeClosed(1, 11).mapToObj(i -> "https://ehr" + i + ".example.org")
                    .collect(Collectors.joining(" "));
            assertThat(refusal(eleven, false).problem()).isEqualTo(InvalidFrameAncestorsException.Problem.TOO_MANY);
            assertThat(refusal(eleven, false).value()).isEqualTo("10");
            String longNames = IntStream.rangeClosed(1, 10).mapToObj(i -> "https://" + "a".repeat(60) + "." + "b"
                    .repeat(20) + i + ".example.org").collect(Collectors.joining(" "));
            assertThat(refusal(longNames, false).problem()).isEqualTo(InvalidFrameAncestorsException.Problem.TOO_LONG);
        }

        @Test
        void theDefaultIsTheSiteOfTheFhirBaseUrl() {
            assertThat(FrameAncestors.defaultFor(Endpoints.url("https://fhir.example.org:8443/r4/tenant-1")).origins())
                    .containsExactly("https://fhir.example.org:8443");
            assertThat(FrameAncestors.defaultFor(Endpoints.url("https://fhir.example.org/api/FHIR/R4")).directive())
                    .isEqualTo("frame-ancestors https://fhir.example.org");
        }
    }

    @Nested
    class OnTheEndpoint {

        @Test
        void theAdminSetsAndClearsTheSitesWithAHistoryRowAndTheStatusStays() {
            FhirEndpoint endpoint = Endpoints.inStatus(EndpointStatus.APPROVED);
            int rows = endpoint.history().size();
            assertThat(endpoint.frameAncestors().origins()).containsExactly("https://ehr.example.org");
            assertThat(endpoint.frameAncestorsSetting()).isEmpty();

            FrameAncestors web = FrameAncestors.parse("https://ehr-web.example.org https://ehr.example.org", false);
            assertThat(endpoint.setFrameAncestors(web, ADMIN, at(40))).isTrue();
            assertThat(endpoint.status()).isEqualTo(EndpointStatus.APPROVED);
            assertThat(endpoint.isInService()).isTrue();
            assertThat(endpoint.ehrVerification()).isPresent();
            assertThat(endpoint.frameAncestors()).isEqualTo(web);
            assertThat(endpoint.history()).hasSize(rows + 1);
            assertThat(endpoint.lastChange().action()).isEqualTo(EndpointAction.SET_FRAME_ANCESTORS);
            assertThat(endpoint.lastChange().reason().orElseThrow()).contains("https://ehr-web.example.org https://ehr.example.org");

            assertThat(endpoint.setFrameAncestors(web, ADMIN, at(41))).as("the same list again").isFalse();
            assertThat(endpoint.history()).hasSize(rows + 1);

            assertThat(endpoint.setFrameAncestors(null, ADMIN, at(42))).isTrue();
            assertThat(endpoint.frameAncestorsSetting()).isEmpty();
            assertThat(endpoint.frameAncestors().origins()).containsExactly("https://ehr.example.org");
            assertThat(endpoint.lastChange().reason().orElseThrow()).contains("default", "https://ehr.example.org");
        }

        @Test
        void onlyTheOrganizationsAdminMay() {
            FhirEndpoint endpoint = Endpoints.inStatus(EndpointStatus.APPROVED);
            FrameAncestors web = FrameAncestors.parse("https://ehr-web.example.org", false);
            for (Actor actor : new Actor[] {APPROVER, Endpoints.OPERATOR, Endpoints.ADMIN_OF_OTHER_ORG,
                    Endpoints.REPORT_READER}) {
                assertThatThrownBy(() -> endpoint.setFrameAncestors(web, actor, at(40))).as(actor.username())
                        .isInstanceOf(EndpointActionForbiddenException.class);
            }
            assertThat(endpoint.frameAncestorsSetting()).isEmpty();
        }
    }
}
