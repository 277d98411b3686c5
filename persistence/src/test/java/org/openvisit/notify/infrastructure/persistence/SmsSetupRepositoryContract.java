package org.openvisit.notify.infrastructure.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openvisit.database.MigratedDatabase;
import org.openvisit.database.TestDatabase;
import org.openvisit.notify.domain.model.ConsentAction;
import org.openvisit.notify.domain.model.ConsentKind;
import org.openvisit.notify.domain.model.FeedRefusalCount;
import org.openvisit.notify.domain.model.SendingNumber;
import org.openvisit.notify.domain.model.SmsConsent;
import org.openvisit.notify.domain.model.SmsConsentChange;
import org.openvisit.notify.domain.model.SmsNumber;
import org.openvisit.notify.domain.model.SmsNumberAction;
import org.openvisit.notify.domain.model.SmsNumberStatus;
import org.openvisit.notify.domain.model.SmsNumberStatusChange;
import org.openvisit.notify.domain.model.SmsTemplate;
import org.openvisit.notify.domain.model.SmsTemplateKind;
import org.openvisit.tenant.domain.model.Actor;
import org.openvisit.tenant.domain.model.DataRegion;
import org.openvisit.tenant.domain.model.EhrVendor;
import org.openvisit.tenant.domain.model.EndpointDetails;
import org.openvisit.tenant.domain.model.FhirBaseUrl;
import org.openvisit.tenant.domain.model.FhirEndpoint;
import org.openvisit.tenant.domain.model.FhirEnvironment;
import org.openvisit.tenant.domain.model.Organization;
import org.openvisit.tenant.domain.model.OrganizationName;
import org.openvisit.tenant.domain.model.OutboundAddressPolicy;
import org.openvisit.tenant.domain.model.PortalUsername;
import org.openvisit.tenant.domain.model.Role;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SMS setup tables (global V33) and their repositories against a real database; subclasses name H2 or PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SmsSetupRepositoryContract {

    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private MigratedDatabase database;

    protected abstract TestDatabase createDatabase();

    @BeforeAll
    void open() {
        database = MigratedDatabase.open(createDatabase());
    }

    @AfterAll
    void close() {
        if (database != null) {
            database.close();
        }
    }

    private <T> T inTransaction(Function<EntityManager, T> work) {
        EntityManager em = database.factory().createEntityManager();
        try {
            em.getTransaction().begin();
            T result = work.apply(em);
            em.getTransaction().commit();
            return result;
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    private UUID organization() {
        return inTransaction(em -> {
            Organization o = Organization.register(new OrganizationName("SMS " + UUID.randomUUID()), DataRegion.AMERICAS,
                    EhrVendor.EPIC, T0);
            em.persist(o);
            return o.id();
        });
    }

    private static Actor admin(UUID org) {
        return Actor.member("it.admin", org, Role.ORG_ADMIN);
    }

    private UUID consented(UUID org) {
        return inTransaction(em -> {
            SmsConsent consent = new SmsConsent(org);
            consent.grant(ConsentKind.VENDOR_SENDS, admin(org), T0);
            consent.grant(ConsentKind.PATIENTS_CONSENTED, admin(org), T0.plusSeconds(1));
            new JpaSmsConsentRepository(em).add(consent);
            return org;
        });
    }

    @Test
    void consentsAndTheirHistoryAreStoredAndWithdrawn() {
        UUID org = consented(organization());
        inTransaction(em -> new JpaSmsConsentRepository(em).find(org).orElseThrow()
                .withdraw(ConsentKind.VENDOR_SENDS, admin(org), T0.plusSeconds(2)));
        SmsConsent loaded = inTransaction(em -> {
            SmsConsent c = new JpaSmsConsentRepository(em).find(org).orElseThrow();
            c.history().size();
            return c;
        });
        assertThat(loaded.bothGiven()).isFalse();
        assertThat(loaded.given(ConsentKind.PATIENTS_CONSENTED))
                .contains(new SmsConsent.Given("it.admin", T0.plusSeconds(1)));
        assertThat(loaded.history()).extracting(SmsConsentChange::action)
                .containsExactly(ConsentAction.GRANT, ConsentAction.GRANT, ConsentAction.WITHDRAW);
        java.util.Optional<SmsConsent> none = inTransaction(em -> new JpaSmsConsentRepository(em).find(UUID.randomUUID()));
        assertThat(none).isEmpty();
    }

    @Test
    void aNumberGoesThroughProvisioningWithItsHistoryAndEndpoints() {
        UUID org = consented(organization());
        UUID endpoint = inTransaction(em -> {
            FhirEndpoint e = FhirEndpoint.create(org, new EndpointDetails(FhirBaseUrl.of("https://ehr-" + UUID.randomUUID()
                    + ".example.org/fhir", OutboundAddressPolicy.PRODUCTION), FhirEnvironment.TEST, "Clinic",
                    new PortalUsername("ehr.analyst")), admin(org), T0);
            em.persist(e);
            return e.id();
        });
        UUID id = inTransaction(em -> {
            SmsNumber n = SmsNumber.request(new JpaSmsConsentRepository(em).find(org).orElseThrow(), "US", "202",
                    admin(org), T0);
            new JpaSmsNumberRepository(em).add(n);
            return n.id();
        });
        java.util.List<UUID> unfinished = inTransaction(em -> new JpaSmsNumberRepository(em).findUnfinished(1000));
        assertThat(unfinished).contains(id);
        String e164 = "+12025550" + (100 + (int) (Math.random() * 99));
        inTransaction(em -> {
            SmsNumber n = new JpaSmsNumberRepository(em).find(id).orElseThrow();
            n.start("builtin:job", T0.plusSeconds(1));
            n.activate(new SendingNumber(e164), T0.plusSeconds(2));
            n.link(endpoint, admin(org), T0.plusSeconds(3));
            return null;
        });
        java.util.List<UUID> after = inTransaction(em -> new JpaSmsNumberRepository(em).findUnfinished(1000));
        assertThat(after).doesNotContain(id);
        java.util.Set<String> held = inTransaction(em -> new JpaSmsNumberRepository(em).heldNumbers());
        assertThat(held).contains(e164);
        assertThat(this.<java.util.Optional<UUID>>inTransaction(em -> new JpaSmsNumberRepository(em).findHeld(e164)
                .map(SmsNumber::organizationId))).contains(org);
        SmsNumber loaded = inTransaction(em -> {
            SmsNumber n = new JpaSmsNumberRepository(em).findByOrganization(org).get(0);
            n.history().size();
            return n;
        });
        assertThat(loaded.status()).isEqualTo(SmsNumberStatus.ACTIVE);
        assertThat(loaded.number()).contains(new SendingNumber(e164));
        assertThat(loaded.endpoints()).containsExactly(endpoint);
        assertThat(loaded.history()).extracting(SmsNumberStatusChange::action).containsExactly(SmsNumberAction.REQUEST,
                SmsNumberAction.START, SmsNumberAction.ACTIVATE, SmsNumberAction.LINK);

        // no second organization ever holds the same number
        UUID other = consented(organization());
        assertThatThrownBy(() -> inTransaction(em -> {
            SmsNumber n = SmsNumber.request(new JpaSmsConsentRepository(em).find(other).orElseThrow(), "US", null,
                    admin(other), T0);
            n.start("builtin:job2", T0);
            n.activate(new SendingNumber(e164), T0);
            new JpaSmsNumberRepository(em).add(n);
            return null;
        })).isInstanceOf(PersistenceException.class);

        // released: held no more, so it may be given again; the history keeps it
        inTransaction(em -> {
            new JpaSmsNumberRepository(em).find(id).orElseThrow().release(admin(org), T0.plusSeconds(4));
            return null;
        });
        java.util.Set<String> heldAfter = inTransaction(em -> new JpaSmsNumberRepository(em).heldNumbers());
        assertThat(heldAfter).doesNotContain(e164);
        assertThat(this.<java.util.Optional<SmsNumber>>inTransaction(em -> new JpaSmsNumberRepository(em).findHeld(e164)))
                .isEmpty();
        SmsNumber released = inTransaction(em -> new JpaSmsNumberRepository(em).find(id).orElseThrow());
        assertThat(released.endpoints()).isEmpty();
        assertThat(released.number()).contains(new SendingNumber(e164));
    }

    @Test
    void aNumberCannotBeLinkedToAnEndpointThatDoesNotExist() {
        UUID org = consented(organization());
        assertThatThrownBy(() -> inTransaction(em -> {
            SmsNumber n = SmsNumber.request(new JpaSmsConsentRepository(em).find(org).orElseThrow(), "US", null,
                    admin(org), T0);
            n.start("job", T0);
            n.activate(SendingNumber.of("+1 312 555 0142"), T0);
            n.link(UUID.randomUUID(), admin(org), T0);
            new JpaSmsNumberRepository(em).add(n);
            return null;
        })).isInstanceOf(PersistenceException.class);
    }

    @Test
    void anOrganizationsTemplateIsOnePerKindAndLanguageKeptInFullAndRemovable() {
        UUID org = organization();
        Actor admin = Actor.member("it.admin", org, Role.ORG_ADMIN);
        String text = "{organization}：您的视频就诊在 {date} {time}。加入：{link} 😀";
        inTransaction(em -> {
            new JpaSmsTemplateRepository(em).add(new SmsTemplate(org, SmsTemplateKind.REMINDER, "zh-CN", text, admin, T0));
            return null;
        });
        SmsTemplate read = inTransaction(em -> new JpaSmsTemplateRepository(em)
                .find(org, SmsTemplateKind.REMINDER, "zh-CN").orElseThrow());
        assertThat(read.body()).isEqualTo(text);
        assertThat(read.updatedBy()).isEqualTo("it.admin");
        java.util.Optional<SmsTemplate> english = inTransaction(em -> new JpaSmsTemplateRepository(em)
                .find(org, SmsTemplateKind.REMINDER, "en"));
        assertThat(english).isEmpty();
        assertThatThrownBy(() -> inTransaction(em -> {
            new JpaSmsTemplateRepository(em).add(new SmsTemplate(org, SmsTemplateKind.REMINDER, "zh-CN", "{link}",
                    admin, T0));
            return null;
        })).isInstanceOf(PersistenceException.class);
        inTransaction(em -> {
            new JpaSmsTemplateRepository(em).add(new SmsTemplate(org, SmsTemplateKind.HELP, "en", "Help", admin, T0));
            return null;
        });
        java.util.List<SmsTemplate> both = inTransaction(em -> new JpaSmsTemplateRepository(em).ofOrganization(org));
        assertThat(both).hasSize(2);
        Boolean removed = inTransaction(em -> new JpaSmsTemplateRepository(em).remove(org, SmsTemplateKind.HELP, "en"));
        assertThat(removed).isTrue();
        Boolean again = inTransaction(em -> new JpaSmsTemplateRepository(em).remove(org, SmsTemplateKind.HELP, "en"));
        assertThat(again).isFalse();
        java.util.List<SmsTemplate> left = inTransaction(em -> new JpaSmsTemplateRepository(em).ofOrganization(org));
        assertThat(left).hasSize(1);
    }

    @Test
    void anEndpointsTemplateIsKeptBesideTheOrganizationsOnePerEndpointKindAndLanguage() {
        UUID org = organization();
        UUID endpoint = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        Actor admin = Actor.member("it.admin", org, Role.ORG_ADMIN);
        java.util.Optional<UUID> ofEndpoint = java.util.Optional.of(endpoint);
        inTransaction(em -> {
            JpaSmsTemplateRepository templates = new JpaSmsTemplateRepository(em);
            templates.add(new SmsTemplate(org, SmsTemplateKind.REMINDER, "en", "Org {link}", admin, T0));
            templates.add(new SmsTemplate(org, ofEndpoint, SmsTemplateKind.REMINDER, "en", "Clinic {link}", admin, T0));
            return null;
        });
        SmsTemplate organizations = inTransaction(em -> new JpaSmsTemplateRepository(em)
                .find(org, SmsTemplateKind.REMINDER, "en").orElseThrow());
        assertThat(organizations.body()).isEqualTo("Org {link}");
        assertThat(organizations.endpointId()).isEmpty();
        SmsTemplate own = inTransaction(em -> new JpaSmsTemplateRepository(em)
                .find(org, ofEndpoint, SmsTemplateKind.REMINDER, "en").orElseThrow());
        assertThat(own.body()).isEqualTo("Clinic {link}");
        assertThat(own.endpointId()).contains(endpoint);
        java.util.Optional<SmsTemplate> others = inTransaction(em -> new JpaSmsTemplateRepository(em)
                .find(org, java.util.Optional.of(other), SmsTemplateKind.REMINDER, "en"));
        assertThat(others).isEmpty();
        assertThatThrownBy(() -> inTransaction(em -> {
            new JpaSmsTemplateRepository(em).add(new SmsTemplate(org, ofEndpoint, SmsTemplateKind.REMINDER, "en",
                    "Twice {link}", admin, T0));
            return null;
        })).isInstanceOf(PersistenceException.class);
        java.util.List<SmsTemplate> all = inTransaction(em -> new JpaSmsTemplateRepository(em).ofOrganization(org));
        assertThat(all).extracting(SmsTemplate::endpointId)
                .containsExactlyInAnyOrder(java.util.Optional.empty(), ofEndpoint);
        Boolean removed = inTransaction(em -> new JpaSmsTemplateRepository(em)
                .remove(org, ofEndpoint, SmsTemplateKind.REMINDER, "en"));
        assertThat(removed).isTrue();
        java.util.Optional<SmsTemplate> kept = inTransaction(em -> new JpaSmsTemplateRepository(em)
                .find(org, SmsTemplateKind.REMINDER, "en"));
        assertThat(kept).isPresent();
    }

    @Test
    void feedRefusalsAreCountedPerEndpointAndReasonWithTheLatestTime() {
        UUID org = organization();
        UUID endpoint = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        inTransaction(em -> {
            JpaSmsFeedRefusalRepository counts = new JpaSmsFeedRefusalRepository(em);
            counts.count(endpoint, org, "NO_MOBILE", T0);
            counts.count(endpoint, org, "NO_MOBILE", T0.plusSeconds(60));
            counts.count(endpoint, org, "NO_MOBILE", T0.plusSeconds(30));
            counts.count(endpoint, org, "BAD_SIGNATURE", T0);
            counts.count(other, org, "NO_MOBILE", T0);
            return null;
        });
        java.util.List<FeedRefusalCount> counted =
                inTransaction(em -> new JpaSmsFeedRefusalRepository(em).ofOrganization(org));
        assertThat(counted).hasSize(3);
        assertThat(counted).filteredOn(c -> c.endpointId().equals(endpoint) && c.reason().equals("NO_MOBILE"))
                .singleElement().satisfies(c -> {
                    assertThat(c.refused()).isEqualTo(3);
                    assertThat(c.lastAt()).isEqualTo(T0.plusSeconds(60));
                });
        assertThat(counted).filteredOn(c -> c.reason().equals("BAD_SIGNATURE")).singleElement()
                .satisfies(c -> assertThat(c.refused()).isEqualTo(1));
        java.util.List<FeedRefusalCount> none =
                inTransaction(em -> new JpaSmsFeedRefusalRepository(em).ofOrganization(organization()));
        assertThat(none).isEmpty();
    }

    @Test
    void anEndpointsFeedCertificateIsKeptWholeWithWhoAndWhenAndRemovable() {
        UUID org = organization();
        UUID endpoint = inTransaction(em -> {
            FhirEndpoint e = FhirEndpoint.create(org, new EndpointDetails(FhirBaseUrl.of("https://ehr-" + UUID.randomUUID()
                    + ".example.org/fhir", OutboundAddressPolicy.PRODUCTION), FhirEnvironment.TEST, "Clinic",
                    new PortalUsername("ehr.analyst")), admin(org), T0);
            em.persist(e);
            return e.id();
        });
        // the largest upload taken (16 kB of DER) in base64
        String certificate = java.util.Base64.getEncoder().encodeToString(new byte[16 * 1024]);
        inTransaction(em -> {
            org.openvisit.notify.domain.model.SmsEndpointSettings s =
                    new org.openvisit.notify.domain.model.SmsEndpointSettings(org, endpoint, "it.admin", T0);
            s.feedCertificate(certificate, "it.admin", T0.plusSeconds(5));
            new JpaSmsEndpointSettingsRepository(em).add(s);
            return null;
        });
        org.openvisit.notify.domain.model.SmsEndpointSettings read =
                inTransaction(em -> new JpaSmsEndpointSettingsRepository(em).find(endpoint).orElseThrow());
        assertThat(read.feedCertificate()).hasValue(certificate);
        assertThat(read.feedCertificateBy()).isEqualTo("it.admin");
        assertThat(read.feedCertificateAt()).isEqualTo(T0.plusSeconds(5));
        inTransaction(em -> {
            new JpaSmsEndpointSettingsRepository(em).find(endpoint).orElseThrow()
                    .feedCertificate(null, "other.admin", T0.plusSeconds(9));
            return null;
        });
        org.openvisit.notify.domain.model.SmsEndpointSettings removed =
                inTransaction(em -> new JpaSmsEndpointSettingsRepository(em).find(endpoint).orElseThrow());
        assertThat(removed.feedCertificate()).isEmpty();
        assertThat(removed.feedCertificateBy()).isNull();
        assertThat(removed.updatedBy()).isEqualTo("other.admin");
        assertThat(removed.updatedAt()).isEqualTo(T0.plusSeconds(9));
    }
}
