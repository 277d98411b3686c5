package org.openvisit.shared.interfaces.web;

import org.junit.jupiter.api.Test;
import org.openvisit.shared.domain.model.InvalidValueException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every refusal a service words ({@code .worded("code", ...)}) has its words in the shared portal texts, in every
 * language: a code without a key would show the English message on a translated page.
 */
class RefusalWordsTest {

    private static final Pattern WORDED = Pattern.compile("\\.worded\\(\"([A-Za-z.]+)\"|worded\\(\"([A-Za-z.]+)\"");
    private static final Path[] SOURCES = {Path.of("src/main/java"), Path.of("../ejb/src/main/java"),
            Path.of("../persistence/src/main/java")};

    @Test
    void everyWordedRefusalHasItsWordsInEveryLanguage() throws IOException {
        Set<String> codes = new TreeSet<>();
        for (Path root : SOURCES) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher m = WORDED.matcher(Files.readString(file));
                    while (m.find()) {
                        codes.add(m.group(1) != null ? m.group(1) : m.group(2));
                    }
                }
            }
        }
        assertThat(codes).as("the services word their refusals").contains("password.tooShort", "account.duplicate",
                "organization.nameLength");
        for (Locale locale : BrowserLanguage.all()) {
            // the language's own file, not its parent: a key missing there would fall back to English
            java.util.Properties texts = new java.util.Properties();
            try (var in = Files.newBufferedReader(Path.of("src/main/resources/org/openvisit/shared/interfaces/web/Messages"
                    + (Locale.ENGLISH.equals(locale) ? "" : "_" + locale) + ".properties"))) {
                texts.load(in);
            }
            for (String code : codes) {
                assertThat(texts.getProperty("refusal." + code)).as(locale + " refusal." + code).isNotBlank();
                new MessageFormat(texts.getProperty("refusal." + code), locale).format(new Object[]{"A", 12, 120});
            }
        }
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
