package org.openvisit.shared.interfaces.web;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every context's bundle in all four languages: the same keys in each, no empty or untranslated text; and every key a page asks
 * for ({@code #{tenantText.get('key')}}, {@code #{sharedText.format('key', ...)}}) is in its context's bundle. A
 * missing key fails the build here, before a browser ever shows "???key???".
 */
class BundleCompletenessTest {

    private static final Path RESOURCES = Path.of("src/main/resources/org/openvisit");
    private static final Path PAGES = Path.of("src/main/webapp");
    /** Texts that are names, the same in every language (so are the switcher's languages, {@code language.*}). */
    private static final Set<String> PRODUCT_NAMES = Set.of("Epic", "Oracle Health (Cerner)", "Microsoft Teams", "Teams",
            "SMS");
    private static final Pattern BEAN_KEY = Pattern.compile("\\b(\\w+)Text\\.(?:get|format)\\('([^']+)'");

    @Test
    void everyContextHasEveryKeyInEveryLanguage() throws IOException {
        Map<String, Path> contexts = contexts();
        assertThat(contexts).containsKeys("shared", "identity", "tenant", "launch");
        for (Map.Entry<String, Path> context : contexts.entrySet()) {
            Set<String> english = keys(context.getValue().resolve("Messages.properties"));
            for (Locale locale : BrowserLanguage.all()) {
                if (Locale.ENGLISH.equals(locale)) {
                    continue;
                }
                Path file = context.getValue().resolve("Messages_" + locale + ".properties");
                assertThat(file).as(context.getKey() + " in " + locale).exists();
                assertThat(keys(file)).as(context.getKey() + " in " + locale).isEqualTo(english);
                Properties texts = load(file);
                Properties englishTexts = load(context.getValue().resolve("Messages.properties"));
                for (String key : english) {
                    String text = texts.getProperty(key);
                    assertThat(text).as(context.getKey() + " " + locale + " " + key).isNotBlank();
                    if (!PRODUCT_NAMES.contains(englishTexts.getProperty(key)) && !(key.startsWith("language.") && !key.equals("language.label"))) {
                        assertThat(text).as(context.getKey() + " " + locale + " " + key + " is translated")
                                .isNotEqualTo(englishTexts.getProperty(key));
                    }
                }
            }
        }
    }

    @Test
    void everyKeyAPageAsksForExists() throws IOException {
        Map<String, Path> contexts = contexts();
        List<String> missing = new ArrayList<>();
        int found = 0;
        try (Stream<Path> pages = Files.walk(PAGES)) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".xhtml")).toList()) {
                Matcher m = BEAN_KEY.matcher(Files.readString(page, StandardCharsets.UTF_8));
                while (m.find()) {
                    found++;
                    Path bundle = contexts.get(m.group(1));
                    if (bundle == null || !keys(bundle.resolve("Messages.properties")).contains(m.group(2))) {
                        missing.add(PAGES.relativize(page) + ": " + m.group(1) + "Text '" + m.group(2) + "'");
                    }
                }
            }
        }
        assertThat(found).as("keys asked for by the pages").isGreaterThan(50);
        assertThat(missing).as("keys the pages ask for but no bundle has").isEmpty();
    }

    /**
     * The pages that list a visit's events (the visit page, the report's timeline, the write-back queue) name each
     * kind of event by its {@code event.<TYPE>} key: every kind has words there (a Teams visit's restart too).
     */
    @Test
    void everyKindOfVisitEventHasWordsWherePagesListEvents() throws IOException {
        Map<String, Path> contexts = contexts();
        for (String context : List.of("room", "report", "writeback")) {
            Set<String> english = keys(contexts.get(context).resolve("Messages.properties"));
            for (org.openvisit.visit.domain.model.VisitEventType type
                    : org.openvisit.visit.domain.model.VisitEventType.values()) {
                assertThat(english).as(context + " names " + type).contains("event." + type.name());
            }
        }
    }

    @Test
    void thePatternFindsKeysInsideExpressions() {
        Matcher m = BEAN_KEY.matcher("value=\"#{member.enabled() ? identityText.get('users.canSignIn.yes') : x}\"");
        assertThat(m.find()).isTrue();
        assertThat(m.group(1)).isEqualTo("identity");
        assertThat(m.group(2)).isEqualTo("users.canSignIn.yes");
    }

    /** Context name (as in {@code #{<context>Text...}}) to the folder of its bundle. */
    private static Map<String, Path> contexts() throws IOException {
        Map<String, Path> contexts = new TreeMap<>();
        try (Stream<Path> files = Files.walk(RESOURCES)) {
            files.filter(p -> p.getFileName().toString().equals("Messages.properties"))
                    .forEach(p -> contexts.put(RESOURCES.relativize(p).getName(0).toString(), p.getParent()));
        }
        return contexts;
    }

    private static Set<String> keys(Path file) throws IOException {
        return new TreeSet<>(load(file).stringPropertyNames());
    }

    private static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
