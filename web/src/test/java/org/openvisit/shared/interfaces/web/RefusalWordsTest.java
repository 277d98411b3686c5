package org.openvisit.shared.interfaces.web;

import org.junit.jupiter.api.Test;
import org.openvisit.shared.domain.model.InvalidValueException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every refusal a service words ({@code .worded("code", ...)}) and every Bean Validation template
 * ({@code message = "{openvisit.…}"}) has its words in the shared portal texts, in every language's own file: a code or
 * template without a key would show the English message on a translated page or in a translated API answer.
 */
class RefusalWordsTest {

    private static final Pattern WORDED = Pattern.compile("\\.worded\\(\"([A-Za-z.]+)\"|worded\\(\"([A-Za-z.]+)\"");
    private static final Pattern TEMPLATE = Pattern.compile("message\\s*=\\s*\"\\{(openvisit\\.[A-Za-z.]+)\\}\"");
    private static final Path[] SOURCES = {Path.of("src/main/java"), Path.of("../ejb/src/main/java"),
            Path.of("../persistence/src/main/java")};

    @Test
    void everyWordedRefusalHasItsWordsInEveryLanguage() throws IOException {
        Set<String> codes = found(WORDED);
        assertThat(codes).as("the services word their refusals").contains("password.tooShort", "account.duplicate",
                "organization.nameLength", "fhirBaseUrl.required", "fhirBaseUrl.address.linkLocal", "sms.quiet.both",
                "sms.number.international");
        for (Locale locale : BrowserLanguage.all()) {
            // the language's own file, not its parent: a key missing there would fall back to English
            java.util.Properties texts = ownFile(locale);
            for (String code : codes) {
                assertThat(texts.getProperty("refusal." + code)).as(locale + " refusal." + code).isNotBlank();
                new MessageFormat(texts.getProperty("refusal." + code), locale).format(new Object[]{"A", 12, 120});
            }
        }
    }

    @Test
    void everyValidationTemplateHasItsWordsInEveryLanguageAndForTheContainer() throws IOException {
        Set<String> templates = found(TEMPLATE);
        assertThat(templates).as("the services' Bean Validation templates").contains("openvisit.actor.required",
                "openvisit.account.rolesRequired", "openvisit.page.maxAtMost");
        // the container's own interpolation (logs, callers outside the web layer) reads the ejb module's bundle
        java.util.Properties container = new java.util.Properties();
        try (var in = Files.newBufferedReader(Path.of("../ejb/src/main/resources/ValidationMessages.properties"))) {
            container.load(in);
        }
        assertThat(container.stringPropertyNames()).as("ValidationMessages.properties").isEqualTo(templates);
        for (Locale locale : BrowserLanguage.all()) {
            java.util.Properties texts = ownFile(locale);
            Set<String> keys = new TreeSet<>();
            templates.forEach(t -> keys.add("validation." + t));
            for (String constraint : List.of("NotNull", "NotBlank", "NotEmpty", "Min", "Max", "Size")) {
                keys.add("validation.default." + constraint);
            }
            keys.add("validation.several");
            for (String key : keys) {
                assertThat(texts.getProperty(key)).as(locale + " " + key).isNotBlank();
                new MessageFormat(texts.getProperty(key), locale).format(new Object[]{200L});
            }
            assertThat(texts.stringPropertyNames().stream().filter(k -> k.startsWith("validation.")))
                    .as(locale + ": no words for a template nobody uses").containsExactlyInAnyOrderElementsOf(keys);
        }
    }

    @Test
    void aTemplateNamesItsWordsAndOtherMessagesAreSaidAsWritten() {
        assertThat(RefusalTexts.key("{openvisit.page.first}")).isEqualTo("validation.openvisit.page.first");
        assertThat(RefusalTexts.key("{jakarta.validation.constraints.NotNull.message}"))
                .isEqualTo("validation.default.NotNull");
        assertThat(RefusalTexts.key("The username is required.")).isNull();
        assertThat(RefusalTexts.key("{openvisit.a} and {openvisit.b}")).isNull();
        assertThat(RefusalTexts.key(null)).isNull();
    }

    @Test
    void everyRefusalOfAFhirBaseUrlIsWordedAndSaidInTheReadersLanguage() {
        String[] refused = {"", "https://" + "a".repeat(2001), "https://ehr example.org", "https:\\\\ehr.example.org",
                "ehr.example.org/fhir", "ftp://ehr.example.org", "https:ehr.example.org", "https://u:p@ehr.example.org",
                "https://ehr.example.org/fhir#x", "https://ehr.example.org/fhir?x=1", "https://[2001:db8::1/fhir",
                "https://[2001:db8::1]x/fhir", "https://2001:db8::1/fhir", "https://ehr.example.org:99999/fhir",
                "https:///fhir", "https://[fe80::1%25eth0]/fhir", "https://[2001:db8::zz]/fhir", "https://ehr%2eexample.org",
                "https://ehr_example.org/fhir", "https://1.2.3.4.5/fhir", "https://k.00xe6ee-82f/fhir", "https://ehr.example.org/%zz",
                "https://ehr.example.org/fh\"ir", "https://ehr.example.org/a/../fhir", "http://ehr.example.org/fhir",
                "https://localhost/fhir", "https://10.1.2.3/fhir", "https://ehr.local/fhir", "https://169.254.169.254/fhir",
                "https://0.0.0.0/fhir", "https://224.0.0.1/fhir", "https://192.0.2.10/fhir", "https://240.0.0.1/fhir"};
        Set<String> seen = new TreeSet<>();
        for (String url : refused) {
            org.openvisit.tenant.domain.model.InvalidFhirBaseUrlException refusal = org.assertj.core.api.Assertions
                    .catchThrowableOfType(() -> org.openvisit.tenant.domain.model.FhirBaseUrl.of(url,
                                    org.openvisit.tenant.domain.model.OutboundAddressPolicy.PRODUCTION),
                            org.openvisit.tenant.domain.model.InvalidFhirBaseUrlException.class);
            assertThat(refusal).as(url).isNotNull();
            assertThat(refusal.code()).as(url + ": " + refusal.getMessage()).isPresent();
            seen.add(refusal.code().get());
            String english = RefusalTexts.of(refusal, RefusalTexts.in(Locale.ENGLISH));
            assertThat(english).as("the English words are the service's message").isEqualTo(refusal.getMessage());
            String russian = RefusalTexts.of(refusal, RefusalTexts.in(BrowserLanguage.RUSSIAN));
            assertThat(russian).as(url).isNotEqualTo(english).doesNotContain("The FHIR base URL");
        }
        assertThat(seen).as("the inputs reach most of the refusals").hasSizeGreaterThan(25);
        assertThat(RefusalTexts.of(new org.openvisit.shared.domain.model.InvalidValueException("x", "As written."),
                RefusalTexts.in(BrowserLanguage.SIMPLIFIED_CHINESE))).isEqualTo("As written.");
    }

    @Test
    void anApiRequestIsAnsweredInTheFirstOfItsLanguagesOpenVisitSpeaks() {
        assertThat(RefusalTexts.ofApiRequest(null)).isEqualTo(Locale.ENGLISH);
        assertThat(RefusalTexts.ofApiRequest("de, ru;q=0.8, en;q=0.5")).isEqualTo(BrowserLanguage.RUSSIAN);
        assertThat(RefusalTexts.ofApiRequest("zh-TW")).isEqualTo(BrowserLanguage.TRADITIONAL_CHINESE);
        assertThat(RefusalTexts.ofApiRequest("not a header;;")).isEqualTo(Locale.ENGLISH);
    }

    /** What {@code pattern}'s first matching group finds in the sources of the three modules. */
    private static Set<String> found(Pattern pattern) throws IOException {
        Set<String> found = new TreeSet<>();
        for (Path root : SOURCES) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher m = pattern.matcher(Files.readString(file));
                    while (m.find()) {
                        found.add(m.group(1) != null ? m.group(1) : m.group(2));
                    }
                }
            }
        }
        return found;
    }

    /** The language's own file, not its parent: a key missing there would fall back to English. */
    private static java.util.Properties ownFile(Locale locale) throws IOException {
        java.util.Properties texts = new java.util.Properties();
        try (var in = Files.newBufferedReader(Path.of("src/main/resources/org/openvisit/shared/interfaces/web/Messages"
                + (Locale.ENGLISH.equals(locale) ? "" : "_" + locale) + ".properties"))) {
            texts.load(in);
        }
        return texts;
    }

    @Test
    void aWordedRefusalKeepsItsEnglishMessageAndItsArguments() {
        InvalidValueException refusal = new InvalidValueException("password", "The password must be at least 12 "
                + "characters long.").worded("password.tooShort", 12);
        assertThat(refusal.getMessage()).isEqualTo("The password must be at least 12 characters long.");
        assertThat(refusal.code()).contains("password.tooShort");
        assertThat(refusal.arguments()).containsExactly(12);
        assertThat(new InvalidValueException("x", "y").code()).isEmpty();
    }
}
