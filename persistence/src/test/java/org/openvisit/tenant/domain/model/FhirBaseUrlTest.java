package org.openvisit.tenant.domain.model;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.openvisit.shared.domain.model.InvalidValueException;
import org.openvisit.tenant.domain.model.InvalidFhirBaseUrlException.Problem;

import static org.assertj.core.api.Assertions.assertThat;

class FhirBaseUrlTest {

    private static final OutboundAddressPolicy PRODUCTION = OutboundAddressPolicy.PRODUCTION;
    private static final OutboundAddressPolicy DEVELOPMENT = new OutboundAddressPolicy(true, false);
    private static final OutboundAddressPolicy PRIVATE_ALLOWED = new OutboundAddressPolicy(false, true);
    private static final OutboundAddressPolicy EVERYTHING_ALLOWED = new OutboundAddressPolicy(true, true);

    private static String normalized(String text) {
        return FhirBaseUrl.of(text, PRODUCTION).value();
    }

    private static InvalidFhirBaseUrlException refusal(String text, OutboundAddressPolicy policy) {
        try {
            FhirBaseUrl.of(text, policy);
        } catch (InvalidFhirBaseUrlException e) {
            assertThat(e).isInstanceOf(InvalidValueException.class);
            assertThat(e.field()).isEqualTo("baseUrl");
            assertThat(e.getMessage()).isNotBlank();
            return e;
        }
        throw new AssertionError("expected " + text + " to be refused");
    }

    private static void assertRefused(String text, OutboundAddressPolicy policy, Problem problem) {
        assertThat(refusal(text, policy).problem()).as(text).isEqualTo(problem);
    }

    private static void assertRefusedAddress(String text, OutboundAddressPolicy policy, AddressRange range) {
        InvalidFhirBaseUrlException e = refusal(text, policy);
        assertThat(e.problem()).as(text).isEqualTo(Problem.REFUSED_ADDRESS);
        assertThat(e.addressRange()).as(text).contains(range);
    }

    @Nested
    class Normalization {

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource({
                "https://ehr.example.org/interconnect/api/FHIR/R4,       https://ehr.example.org/interconnect/api/FHIR/R4",
                "HTTPS://EHR.Example.ORG/Interconnect/API/FHIR/R4/,      https://ehr.example.org/Interconnect/API/FHIR/R4",
                "https://ehr.example.org:443/fhir,                       https://ehr.example.org/fhir",
                "https://ehr.example.org:00443/fhir,                     https://ehr.example.org/fhir",
                "https://ehr.example.org:8443/fhir/,                     https://ehr.example.org:8443/fhir",
                "https://ehr.example.org:80/fhir,                        https://ehr.example.org:80/fhir",
                "https://ehr.example.org:/fhir,                          https://ehr.example.org/fhir",
                "https://ehr.example.org/,                               https://ehr.example.org",
                "https://ehr.example.org,                                https://ehr.example.org",
                "https://ehr.example.org/fhir///,                        https://ehr.example.org/fhir",
                "https://ehr.example.org./fhir,                          https://ehr.example.org/fhir",
                "https://ehr.example.org/fhir%2fr4,                      https://ehr.example.org/fhir%2Fr4",
                "https://ehr.example.org/api;v=2/FHIR(R4)/~x/a@b:c,      https://ehr.example.org/api;v=2/FHIR(R4)/~x/a@b:c",
                "https://b\u00fccher.example/fhir,                       https://xn--bcher-kva.example/fhir",
                "https://8.8.8.8/fhir,                                   https://8.8.8.8/fhir",
                "https://134744072/fhir,                                 https://8.8.8.8/fhir",
                "https://0x08080808/fhir,                                https://8.8.8.8/fhir",
                "https://8.8.2056/fhir,                                  https://8.8.8.8/fhir",
                "https://[2606:4700:4700:0000:0000:0000:0000:1111]/fhir, https://[2606:4700:4700::1111]/fhir",
                "https://[2606:4700:4700::1111]:443/fhir,                https://[2606:4700:4700::1111]/fhir",
                "https://[2001:4860:0:0:1:0:0:8888]:8443/,               https://[2001:4860::1:0:0:8888]:8443",
        })
        void normalForm(String entered, String expected) {
            assertThat(normalized(entered)).isEqualTo(expected);
        }

        @Test
        void surroundingWhitespaceIsIgnored() {
            assertThat(normalized("  https://ehr.example.org/fhir \t")).isEqualTo("https://ehr.example.org/fhir");
        }

        @Test
        void thePathStaysCaseSensitive() {
            assertThat(FhirBaseUrl.of("https://ehr.example.org/FHIR/R4", PRODUCTION))
                    .isNotEqualTo(FhirBaseUrl.of("https://ehr.example.org/fhir/r4", PRODUCTION));
            assertThat(FhirBaseUrl.of("https://EHR.EXAMPLE.ORG/FHIR/R4/", PRODUCTION))
                    .isEqualTo(FhirBaseUrl.of("https://ehr.example.org:443/FHIR/R4", PRODUCTION))
                    .hasSameHashCodeAs(FhirBaseUrl.of("https://ehr.example.org:443/FHIR/R4", PRODUCTION));
        }

        @Test
        void partsForTheHttpClient() {
            FhirBaseUrl url = FhirBaseUrl.of("https://EHR.example.org:8443/api/FHIR/R4/", PRODUCTION);
            assertThat(url.scheme()).isEqualTo("https");
            assertThat(url.host()).isEqualTo("ehr.example.org");
            assertThat(url.port()).isEqualTo(8443);
            assertThat(url.path()).isEqualTo("/api/FHIR/R4");
            assertThat(url.literalAddress()).isEmpty();
            assertThat(url.toUri().getHost()).isEqualTo("ehr.example.org");
            assertThat(url.toString()).isEqualTo("https://ehr.example.org:8443/api/FHIR/R4");

            FhirBaseUrl literal = FhirBaseUrl.of("https://134744072/fhir", PRODUCTION);
            assertThat(literal.port()).isEqualTo(443);
            assertThat(literal.literalAddress()).hasValueSatisfying(a ->
                    assertThat(a.getHostAddress()).isEqualTo("8.8.8.8"));
        }

        @Test
        void hostNamesAreNeverLookedUp() {
            // .invalid can never resolve (RFC 6761); the value object accepts it because it does no DNS lookup
            assertThat(normalized("https://ehr.no-such-host.invalid/fhir"))
                    .isEqualTo("https://ehr.no-such-host.invalid/fhir");
        }

        @Test
        void aStoredUrlIsRebuiltWithoutTheAddressPolicy() {
            FhirBaseUrl dev = FhirBaseUrl.of("http://localhost:8080/fhir", DEVELOPMENT);
            FhirBaseUrl stored = FhirBaseUrl.stored(dev.value());
            assertThat(stored).isEqualTo(dev);
            assertThat(stored.port()).isEqualTo(8080);
            assertThat(stored.literalAddress()).isEmpty();
        }
    }

    @Nested
    class Syntax {

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"   ", "\t"})
        void isRequired(String text) {
            assertThat(refusal(text, PRODUCTION).getMessage()).isEqualTo(
                    "The FHIR base URL is required, for example https://ehr.example.org/interconnect/api/FHIR/R4.");
        }

        @Test
        void aTwoKilobyteUrlIsRefusedWithItsLength() {
            String twoKb = "https://ehr.example.org/" + "a".repeat(2048 - 24);
            assertThat(twoKb).hasSize(2048);
            InvalidFhirBaseUrlException e = refusal(twoKb, PRODUCTION);
            assertThat(e.problem()).isEqualTo(Problem.TOO_LONG);
            assertThat(e.getMessage()).startsWith(
                    "The FHIR base URL is 2,048 characters long; at most 2,000 characters are accepted.");
        }

        @Test
        void exactly2000CharactersAreAccepted() {
            String longest = "https://ehr.example.org/" + "a".repeat(2000 - 24);
            assertThat(normalized(longest)).hasSize(2000);
            assertRefused(longest + "b", PRODUCTION, Problem.TOO_LONG);
        }

        @ParameterizedTest
        @CsvSource({
                "ftp://ehr.example.org/fhir,        ftp",
                "file:///etc/passwd,                file",
                "javascript:alert(1),               javascript",
                "gopher://ehr.example.org:70/_x,    gopher",
                "'data:text/plain;base64,SGk=',     data",
                "ldap://ehr.example.org/,           ldap",
                "wss://ehr.example.org/fhir,        wss",
        })
        void onlyHttpsAndHttpSchemes(String text, String scheme) {
            InvalidFhirBaseUrlException e = refusal(text, EVERYTHING_ALLOWED);
            assertThat(e.problem()).isEqualTo(Problem.UNSUPPORTED_SCHEME);
            assertThat(e.getMessage()).isEqualTo("The FHIR base URL must start with https://; addresses starting with \""
                    + scheme + ":\" are not accepted. OpenVisit talks to FHIR servers over https only.");
        }

        @ParameterizedTest
        @ValueSource(strings = {"ehr.example.org/fhir", "//ehr.example.org/fhir", "https:ehr.example.org/fhir",
                "https:/ehr.example.org/fhir", "/fhir/R4"})
        void mustBeAFullAddress(String text) {
            assertRefused(text, PRODUCTION, Problem.MALFORMED);
        }

        @ParameterizedTest
        @ValueSource(strings = {"https://user:pw@host.example.org/fhir", "https://user:pw@ehr.example.org/fhir",
                "https://user@ehr.example.org/fhir", "https://ehr.example.org@evil.example.net/fhir",
                "https://:@ehr.example.org/"})
        void refusesCredentials(String text) {
            InvalidFhirBaseUrlException e = refusal(text, PRODUCTION);
            assertThat(e.problem()).isEqualTo(Problem.CREDENTIALS);
            assertThat(e.getMessage()).contains("must not contain a user name or password")
                    .contains("enter only the address");
        }

        @ParameterizedTest
        @ValueSource(strings = {"https://host.example.org/#frag", "https://ehr.example.org/fhir#R4",
                "https://ehr.example.org#@evil.example.net/", "https://ehr.example.org/fhir#"})
        void refusesAFragment(String text) {
            InvalidFhirBaseUrlException e = refusal(text, PRODUCTION);
            assertThat(e.problem()).isEqualTo(Problem.FRAGMENT);
            assertThat(e.getMessage()).contains("the part from #");
        }

        @ParameterizedTest
        @ValueSource(strings = {"https://ehr.example.org/fhir?x=1", "https://ehr.example.org/fhir?",
                "https://ehr.example.org?iss=https://other.example.net"})
        void refusesAQuery(String text) {
            InvalidFhirBaseUrlException e = refusal(text, PRODUCTION);
            assertThat(e.problem()).isEqualTo(Problem.QUERY);
            assertThat(e.getMessage()).contains("the part from ?");
        }

        @ParameterizedTest
        @ValueSource(strings = {"https://ehr.example.org/fh ir", "https://ehr.example.org/fh\nir", "https://ehr.example.org/fh\u00a0ir",
                "https://ehr.example.org\\@evil.example.net/", "https://ehr.example.org/fhir/../admin",
                "https://ehr.example.org/./fhir", "https://ehr.example.org/fhir/%2e%2E/admin",
                "https://ehr.example.org/fhir/<script>", "https://ehr.example.org/fhir/\u00fc",
                "https://ehr.example.org/fhir%zz", "https://ehr.example.org/fhir%2", "https://ehr.example.org/a|b",
                // found by LaunchParametersFuzzTest: a percent escape with another script's digit (Arabic-Indic 2)
                "https://ehr.example.org/%2EO/%2\u06f2"})
        void refusesMalformedPaths(String text) {
            assertRefused(text, PRODUCTION, Problem.MALFORMED);
        }

        @ParameterizedTest
        @ValueSource(strings = {"https:///fhir", "https://:443/fhir", "https://exa_mple.org/", "https://-ehr.example.org/",
                "https://ehr..example.org/", "https://256.1.1.1/", "https://1.2.3.4.5/",
                "https://example.0x10/", "https://4294967296/", "https://1.16777216/", "https://::1/",
                "https://[::1/", "https://[::1]x/", "https://[fe80::1%25eth0]/", "https://[1:2:3:4:5:6:7:8:9]/",
                "https://[1::2::3]/", "https://[v1.fe]/", "https://[::ffff:127.0.0.01]/", "https://[12345::]/",
                "https://%6c%6f%63%61%6c%68%6f%73%74/", "https://a.b.c.dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd/",
                // found by LaunchParametersFuzzTest: a last label that begins with a digit is no host for java.net.URI
                "https://k.00xe6ee-82f/fhir", "https://ehr.example.9org/", "https://[\u06f1::]/"})
        void refusesInvalidHosts(String text) {
            assertRefused(text, EVERYTHING_ALLOWED, Problem.INVALID_HOST);
        }

        @ParameterizedTest
        @ValueSource(strings = {"https://ehr.example.org:0/", "https://ehr.example.org:65536/",
                "https://ehr.example.org:443443/", "https://ehr.example.org:https/", "https://ehr.example.org:-1/"})
        void refusesInvalidPorts(String text) {
            InvalidFhirBaseUrlException e = refusal(text, PRODUCTION);
            assertThat(e.problem()).isEqualTo(Problem.INVALID_PORT);
            assertThat(e.getMessage()).contains("between 1 and 65535");
        }
    }

    @Nested
    class PlainHttp {

        @Test
        void isRefusedForPublicHostsEvenInDevelopmentMode() {
            for (OutboundAddressPolicy policy : new OutboundAddressPolicy[] {PRODUCTION, DEVELOPMENT, EVERYTHING_ALLOWED}) {
                InvalidFhirBaseUrlException e = refusal("http://ehr.example.org/fhir", policy);
                assertThat(e.problem()).isEqualTo(Problem.HTTPS_REQUIRED);
                assertThat(e.getMessage()).isEqualTo("The FHIR base URL must start with https://. Plain http:// is "
                        + "accepted only for localhost while OpenVisit runs in development mode.");
            }
        }

        @Test
        void isRefusedForPrivateHostsEvenWhenPrivateAddressesAreAllowed() {
            assertRefused("http://10.1.2.3/fhir", EVERYTHING_ALLOWED, Problem.HTTPS_REQUIRED);
            assertRefused("http://epic.hospital.local/fhir", EVERYTHING_ALLOWED, Problem.HTTPS_REQUIRED);
        }

        @ParameterizedTest
        @ValueSource(strings = {"http://localhost/fhir", "http://localhost:8080/fhir", "http://127.0.0.1:8080/fhir",
                "http://127.0.0.2/fhir", "http://[::1]:8080/fhir", "https://localhost/fhir",
                "http://ehr-sandbox.localhost:8080/fhir", "http://LOCALHOST./fhir"})
        void isAcceptedForLoopbackInDevelopmentMode(String text) {
            assertThat(FhirBaseUrl.of(text, DEVELOPMENT).value()).startsWith(text.substring(0, 5).toLowerCase());
        }

        @Test
        void localhostIsNormalizedToo() {
            assertThat(FhirBaseUrl.of("HTTP://LocalHost:80/fhir/", DEVELOPMENT).value())
                    .isEqualTo("http://localhost/fhir");
        }
    }

    @Nested
    class Addresses {

        @ParameterizedTest
        @ValueSource(strings = {"http://localhost/fhir", "https://localhost/fhir", "https://LOCALHOST./fhir",
                "https://ehr.localhost/fhir", "https://localhost.localdomain/", "https://127.0.0.1/",
                "https://127.255.255.254/", "https://[::1]/", "https://[0:0:0:0:0:0:0:1]/",
                "https://2130706433/", "https://0x7f000001/", "https://0X7F000001/", "https://0177.0.0.1/",
                "https://0177.0000.0000.0001/", "https://127.1/", "https://127.0.1/", "https://0x7f.1/",
                "https://017700000001/", "https://[::ffff:127.0.0.1]/", "https://[::ffff:7f00:1]/",
                "https://[::127.0.0.1]/", "https://[64:ff9b::7f00:1]/", "https://[2002:7f00:1::]/",
                "https://127.0.0.1./", "https://\uff11\uff12\uff17.\uff10.\uff10.\uff11/",
                "https://127\u30020\u30020\u30021/"})
        void loopbackIsRefusedInProductionEvenWhenPrivateAddressesAreAllowed(String text) {
            assertRefusedAddress(text, PRODUCTION, AddressRange.LOOPBACK);
            assertRefusedAddress(text, PRIVATE_ALLOWED, AddressRange.LOOPBACK);
            assertThat(refusal(text, PRODUCTION).getMessage()).contains("this server itself")
                    .contains("only when OpenVisit runs in development mode");
        }

        @Test
        void localhostInProductionModeIsRefusedAndInDevelopmentModeAllowed() {
            assertRefusedAddress("http://localhost", PRODUCTION, AddressRange.LOOPBACK);
            assertThat(FhirBaseUrl.of("http://localhost", DEVELOPMENT).value()).isEqualTo("http://localhost");
        }

        @ParameterizedTest
        @ValueSource(strings = {"https://10.0.0.1/", "https://10.255.255.255/", "https://172.16.0.1/",
                "https://172.31.255.255/", "https://192.168.1.1/", "https://100.64.0.1/", "https://100.127.255.255/",
                "https://[fc00::1]/", "https://[fd12:3456:789a::1]/", "https://[::ffff:10.0.0.1]/",
                "https://[::ffff:a00:1]/", "https://[::ffff:192.168.0.1]/", "https://167772161/", "https://012.1/",
                "https://0xa.0.0.1/", "https://[fec0::1]/", "https://[64:ff9b::a00:1]/"})
        void privateRangesNeedThePolicyToAllowThem(String text) {
            InvalidFhirBaseUrlException e = refusal(text, DEVELOPMENT);
            assertThat(e.addressRange()).contains(AddressRange.PRIVATE);
            assertThat(e.getMessage()).contains("private network address")
                    .contains("the operator can allow private addresses");
            assertThat(FhirBaseUrl.of(text, PRIVATE_ALLOWED).scheme()).isEqualTo("https");
        }

        @ParameterizedTest
        @ValueSource(strings = {"https://ehr/fhir", "https://epic.hospital.local/fhir", "https://ehr.corp/fhir",
                "https://fhir.svc.internal/", "https://ehr.home.arpa/", "https://ehr.lan/"})
        void intranetNamesNeedThePolicyToAllowPrivateAddresses(String text) {
            InvalidFhirBaseUrlException e = refusal(text, PRODUCTION);
            assertThat(e.addressRange()).contains(AddressRange.PRIVATE);
            assertThat(e.getMessage()).contains("only exists on an internal network");
            assertThat(FhirBaseUrl.of(text, PRIVATE_ALLOWED).scheme()).isEqualTo("https");
        }

        @ParameterizedTest
        @CsvSource({
                "http://169.254.169.254/,                  LINK_LOCAL",
                "https://169.254.169.254/latest/meta-data, LINK_LOCAL",
                "https://2852039166/,                      LINK_LOCAL",
                "https://[fe80::1]/,                       LINK_LOCAL",
                "https://[febf::1]/,                       LINK_LOCAL",
                "https://[::ffff:169.254.169.254]/,        LINK_LOCAL",
                "https://0.0.0.0/,                         UNSPECIFIED",
                "https://0/,                               UNSPECIFIED",
                "https://0.1.2.3/,                         UNSPECIFIED",
                "https://[::]/,                            UNSPECIFIED",
                "https://224.0.0.1/,                       MULTICAST",
                "https://[ff02::1]/,                       MULTICAST",
                "https://255.255.255.255/,                 RESERVED",
                "https://240.0.0.1/,                       RESERVED",
                "https://198.18.0.1/,                      RESERVED",
                "https://[2001::1]/,                       RESERVED",
                "https://[4000::1]/,                       RESERVED",
                "https://[2001:db8::1]/,                   DOCUMENTATION",
                "https://[3fff::1]/,                       DOCUMENTATION",
                "https://192.0.2.10/,                      DOCUMENTATION",
                "https://198.51.100.7/,                    DOCUMENTATION",
                "https://203.0.113.99/,                    DOCUMENTATION",
        })
        void otherNonPublicRangesAreNeverAccepted(String text, AddressRange range) {
            for (OutboundAddressPolicy policy : new OutboundAddressPolicy[] {PRODUCTION, DEVELOPMENT, PRIVATE_ALLOWED,
                    EVERYTHING_ALLOWED}) {
                assertRefusedAddress(text, policy, range);
            }
            assertThat(refusal(text, EVERYTHING_ALLOWED).getMessage()).contains("OpenVisit never connects to such "
                    + "addresses");
        }

        @Test
        void theCloudMetadataAddressSaysWhatItIs() {
            assertThat(refusal("http://169.254.169.254/", EVERYTHING_ALLOWED).getMessage()).isEqualTo(
                    "The FHIR base URL points to 169.254.169.254, which is a link-local address (169.254.0.0/16 or "
                            + "fe80::/10), where cloud metadata services such as 169.254.169.254 live. OpenVisit never "
                            + "connects to such addresses; enter the EHR's https address, for example "
                            + "https://ehr.example.org/interconnect/api/FHIR/R4.");
        }

        @ParameterizedTest
        @ValueSource(strings = {"https://8.8.8.8/", "https://172.32.0.1/", "https://172.15.255.255/",
                "https://100.128.0.1/", "https://100.63.255.255/", "https://169.253.1.1/", "https://11.0.0.1/",
                "https://[2606:4700:4700::1111]/", "https://[2001:4860:4860::8888]/fhir",
                "https://[::ffff:8.8.8.8]/", "https://[2a00:1450:4001:82a::200e]/"})
        void publicAddressesAreAccepted(String text) {
            assertThat(FhirBaseUrl.of(text, PRODUCTION).literalAddress()).isPresent();
        }

        @Test
        void ipv6LiteralsAreWrittenInTheirShortestForm() {
            assertThat(normalized("https://[2A00:1450:4001:082A:0000:0000:0000:200E]/fhir"))
                    .isEqualTo("https://[2a00:1450:4001:82a::200e]/fhir");
            assertThat(FhirBaseUrl.of("https://[::FFFF:0A00:0001]/", PRIVATE_ALLOWED).value())
                    .isEqualTo("https://[::ffff:10.0.0.1]");
            assertThat(FhirBaseUrl.of("https://[fd00:0:0:1:0:0:0:1]/", PRIVATE_ALLOWED).value())
                    .isEqualTo("https://[fd00:0:0:1::1]");
        }

        @Test
        void numericIpv4FormsAreStoredAsTheAddressTheyMean() {
            assertThat(FhirBaseUrl.of("http://2130706433:8080/fhir", DEVELOPMENT).value())
                    .isEqualTo("http://127.0.0.1:8080/fhir");
            assertThat(FhirBaseUrl.of("http://0177.0.0.1/fhir", DEVELOPMENT).value()).isEqualTo("http://127.0.0.1/fhir");
            assertThat(FhirBaseUrl.of("http://0x7f000001/fhir", DEVELOPMENT).value()).isEqualTo("http://127.0.0.1/fhir");
            assertThat(FhirBaseUrl.of("http://127.1/fhir", DEVELOPMENT).value()).isEqualTo("http://127.0.0.1/fhir");
        }
    }
}
