package org.openvisit.demo.application;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

class DemoOrganizationSeedTest {

    private static final Optional<String> SANDBOX = Optional.of("http://localhost:8080/ehr-sandbox/fhir");

    @Test
    void neverInProductionMode() {
        assertThat(DemoOrganizationSeed.urlsToSeed("production", Optional.of("https://visits.example.org"), SANDBOX))
                .isEmpty();
        assertThat(DemoOrganizationSeed.urlsToSeed(null, Optional.empty(), SANDBOX)).isEmpty();
        assertThat(DemoOrganizationSeed.urlsToSeed("", Optional.empty(), SANDBOX)).isEmpty();
    }

    @Test
    void inDevelopmentModeBothLoopbackNamesOfTheSandboxAreSeeded() {
        assertThat(DemoOrganizationSeed.urlsToSeed("development", Optional.empty(), SANDBOX)).containsExactly(
                "http://localhost:8080/ehr-sandbox/fhir", "http://127.0.0.1:8080/ehr-sandbox/fhir");
        assertThat(DemoOrganizationSeed.urlsToSeed("Development", Optional.of("http://127.0.0.1:9090/"), Optional.empty()))
                .containsExactly("http://127.0.0.1:9090/ehr-sandbox/fhir", "http://localhost:9090/ehr-sandbox/fhir");
    }

    @Test
    void thePublicUrlComesFirstAndNothingIsSeededWithoutAnAddress() {
        assertThat(DemoOrganizationSeed.urlsToSeed("development", Optional.of("https://demo.example.org"), SANDBOX))
                .containsExactly("https://demo.example.org/ehr-sandbox/fhir", "http://localhost:8080/ehr-sandbox/fhir",
                        "http://127.0.0.1:8080/ehr-sandbox/fhir");
        assertThat(DemoOrganizationSeed.urlsToSeed("development", Optional.of(" "), Optional.empty())).isEmpty();
    }

    @Test
    void aNodeThatLosesTheSeedToAnotherNodeStartingBesideItSeedsAgainAndAddsWhatIsMissing() throws Exception {
        List<Set<String>> seeded = new ArrayList<>();
        DemoSeeding seeding = new DemoSeeding() {
            @Override
            public int seed(Set<String> sandboxUrls) {
                seeded.add(sandboxUrls);
                if (seeded.size() == 1) { // the other node committed the organization first: its unique name refuses this one
                    throw new jakarta.ejb.EJBTransactionRolledbackException("duplicate key uq_organization_name_key");
                }
                return 0; // the other node seeded the same endpoints
            }
        };

        List<LogRecord> logged = logOf(seedWith(seeding));

        assertThat(seeded).hasSize(2).allSatisfy(urls -> assertThat(urls).containsExactly(
                "http://localhost:8080/ehr-sandbox/fhir", "http://127.0.0.1:8080/ehr-sandbox/fhir"));
        assertThat(logged).noneMatch(r -> r.getLevel().intValue() >= Level.WARNING.intValue());
    }

    @Test
    void aSeedThatFailsTwiceIsAWarningAndTheStartGoesOn() throws Exception {
        List<Set<String>> seeded = new ArrayList<>();
        DemoSeeding seeding = new DemoSeeding() {
            @Override
            public int seed(Set<String> sandboxUrls) {
                seeded.add(sandboxUrls);
                throw new IllegalStateException("database gone");
            }
        };

        List<LogRecord> logged = logOf(seedWith(seeding));

        assertThat(seeded).hasSize(2);
        assertThat(logged).filteredOn(r -> r.getLevel() == Level.WARNING).singleElement()
                .satisfies(r -> assertThat(r.getMessage()).contains("could not be seeded", "database gone"));
    }

    private static DemoOrganizationSeed seedWith(DemoSeeding seeding) throws ReflectiveOperationException {
        DemoOrganizationSeed seed = new DemoOrganizationSeed();
        set(seed, "seeding", seeding);
        set(seed, "mode", "development");
        set(seed, "publicUrl", Optional.empty());
        set(seed, "sandboxFhirBase", SANDBOX);
        return seed;
    }

    /** What the seed logs while it runs. */
    private static List<LogRecord> logOf(DemoOrganizationSeed seed) {
        List<LogRecord> logged = new ArrayList<>();
        Logger log = Logger.getLogger(DemoOrganizationSeed.class.getName());
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(handler);
        try {
            seed.seedInDevelopmentMode();
        } finally {
            log.removeHandler(handler);
        }
        return logged;
    }

    private static void set(Object target, String name, Object value) throws ReflectiveOperationException {
        Field field = DemoOrganizationSeed.class.getDeclaredField(name);
        field.setAccessible(true);
        field.set(target, value);
    }
}
