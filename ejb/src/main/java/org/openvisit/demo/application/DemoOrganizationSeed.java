package org.openvisit.demo.application;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openvisit.tenant.application.OutboundAddressConfiguration;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * In development mode ({@code openvisit.mode=development}, which {@code server-config/start} sets) and
 * never in production mode: seeds the organization {@value DemoSeeding#ORGANIZATION_NAME} whose FHIR
 * endpoints are the bundled EHR sandbox, already APPROVED, their history saying the system seeded them.
 * The sandbox launches with {@code iss} = the origin the EHR screen was opened at, so both
 * {@code localhost} and {@code 127.0.0.1} forms are seeded, from {@code openvisit.public-url} when set
 * and from {@value #SANDBOX_FHIR_BASE_KEY} (exported by the start script). Seeding again on a later start
 * adds only what is missing; so does the second try of a node that lost the seed to another node starting at the same
 * moment on a fresh database. A failure is logged and never stops the application.
 */
@Singleton
@Startup
@DependsOn("OpenVisitDatabase")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DemoOrganizationSeed {

    public static final String SANDBOX_FHIR_BASE_KEY = "openvisit.dev.sandbox-fhir-base";
    private static final Logger LOG = Logger.getLogger(DemoOrganizationSeed.class.getName());

    @EJB
    private DemoSeeding seeding;

    @Inject
    @ConfigProperty(name = OutboundAddressConfiguration.MODE, defaultValue = "production")
    private String mode;

    @Inject
    @ConfigProperty(name = "openvisit.public-url")
    private Optional<String> publicUrl;

    @Inject
    @ConfigProperty(name = SANDBOX_FHIR_BASE_KEY)
    private Optional<String> sandboxFhirBase;

    @PostConstruct
    void seedInDevelopmentMode() {
        if (!isDevelopment(mode)) {
            return;
        }
        Set<String> urls = urlsToSeed(mode, publicUrl, sandboxFhirBase);
        if (urls.isEmpty()) {
            LOG.info(() -> "Development mode without " + SANDBOX_FHIR_BASE_KEY + " or openvisit.public-url: no demo "
                    + "organization seeded.");
            return;
        }
        try {
            int added;
            try {
                added = seeding.seed(urls);
            } catch (RuntimeException lost) {
                // nodes started at the same moment on a fresh database: another node's seed won the organization's
                // unique name (or an endpoint's URL) and this one rolled back; seeded again, it adds what is missing
                LOG.info(() -> "Development mode: the demo organization's seed is tried again (another node of this "
                        + "installation seeding it at the same moment?): " + lost.getMessage());
                added = seeding.seed(urls);
            }
            int seeded = added;
            if (seeded > 0) {
                LOG.info(() -> "Development mode: seeded the demo organization '" + DemoSeeding.ORGANIZATION_NAME
                        + "' with " + seeded + " approved EHR sandbox endpoint(s): " + urls);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Development mode: the demo organization could not be seeded: " + e.getMessage(), e);
        }
    }

    static boolean isDevelopment(String mode) {
        return mode != null && "development".equalsIgnoreCase(mode.strip());
    }

    /**
     * The sandbox FHIR base URLs to seed: none unless in development mode; else as configured, plus the
     * localhost / 127.0.0.1 twin of each.
     */
    static Set<String> urlsToSeed(String mode, Optional<String> publicUrl, Optional<String> sandboxFhirBase) {
        Set<String> urls = new LinkedHashSet<>();
        if (!isDevelopment(mode)) {
            return urls;
        }
        publicUrl.map(String::strip).filter(u -> !u.isEmpty())
                .map(u -> u.replaceAll("/+$", "") + "/ehr-sandbox/fhir").ifPresent(urls::add);
        sandboxFhirBase.map(String::strip).filter(u -> !u.isEmpty()).map(u -> u.replaceAll("/+$", ""))
                .ifPresent(urls::add);
        Set<String> withTwins = new LinkedHashSet<>();
        for (String url : urls) {
            withTwins.add(url);
            URI uri = URI.create(url);
            if ("localhost".equalsIgnoreCase(uri.getHost())) {
                withTwins.add(url.replaceFirst("(?i)//localhost", "//127.0.0.1"));
            } else if ("127.0.0.1".equals(uri.getHost())) {
                withTwins.add(url.replaceFirst("//127\\.0\\.0\\.1", "//localhost"));
            }
        }
        return withTwins;
    }
}
