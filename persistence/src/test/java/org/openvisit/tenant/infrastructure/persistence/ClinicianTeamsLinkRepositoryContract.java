package org.openvisit.tenant.infrastructure.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openvisit.database.MigratedDatabase;
import org.openvisit.database.SchemaMigrator;
import org.openvisit.database.TestDatabase;
import org.openvisit.shared.domain.model.InvalidValueException;
import org.openvisit.tenant.domain.model.ClinicianTeamsLink;
import org.openvisit.tenant.domain.model.DataRegion;
import org.openvisit.tenant.domain.model.EhrVendor;
import org.openvisit.tenant.domain.model.Organization;
import org.openvisit.tenant.domain.model.OrganizationName;
import org.openvisit.tenant.domain.model.TeamsSettings;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The global V40 migration and the clinicians' Teams links against a real database: one link per organization and
 * EHR user, only the pair of ids, found, paged and removed per organization; and the Teams settings' new sign-in
 * option. Subclasses name the database (H2, PostgreSQL).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ClinicianTeamsLinkRepositoryContract {

    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");
    private static final String TID = "72f988bf-86f1-41af-91ab-2d7cd011db47";

    private MigratedDatabase migrated;

    protected abstract TestDatabase createDatabase();

    @BeforeAll
    void open() {
        TestDatabase database = createDatabase();
        SchemaMigrator.migrate(database.dataSource());
        migrated = MigratedDatabase.open(database);
    }

    @AfterAll
    void close() {
        if (migrated != null) {
            migrated.close();
        }
    }

    @Test
    void keepsOneLinkPerOrganizationAndEhrUserWithOnlyTheIds() {
        UUID org = UUID.randomUUID();
        String oid = UUID.randomUUID().toString().toUpperCase();
        inTransaction(em -> {
            new JpaClinicianTeamsLinkRepository(em).add(new ClinicianTeamsLink(org, " Practitioner/ada ", TID, oid,
                    T0));
            return null;
        });
        ClinicianTeamsLink found = inTransaction(em -> new JpaClinicianTeamsLinkRepository(em)
                .find(org, "Practitioner/ada")).orElseThrow();
        assertThat(found.entraObjectId()).isEqualTo(oid.toLowerCase());
        assertThat(found.entraTenantId()).isEqualTo(TID);
        assertThat(found.ehrUserId()).isEqualTo("Practitioner/ada");
        assertThat(this.<java.util.Optional<ClinicianTeamsLink>>inTransaction(em -> new JpaClinicianTeamsLinkRepository(em).find(UUID.randomUUID(),
                "Practitioner/ada"))).isEmpty();

        assertThatThrownBy(() -> inTransaction(em -> {
            new JpaClinicianTeamsLinkRepository(em).add(new ClinicianTeamsLink(org, "Practitioner/ada", TID,
                    UUID.randomUUID().toString(), T0));
            return null;
        })).isInstanceOf(PersistenceException.class);

        String other = UUID.randomUUID().toString();
        inTransaction(em -> {
            new JpaClinicianTeamsLinkRepository(em).find(org, "Practitioner/ada").orElseThrow()
                    .relink(TID, other, T0.plusSeconds(60));
            return null;
        });
        assertThat(this.<java.util.Optional<ClinicianTeamsLink>>inTransaction(em -> new JpaClinicianTeamsLinkRepository(em).find(org, "Practitioner/ada"))
                .orElseThrow().entraObjectId()).isEqualTo(other);
    }

    @Test
    void pagesAndRemovesAnOrganizationsLinksOnly() {
        UUID org = UUID.randomUUID();
        UUID elsewhere = UUID.randomUUID();
        List<ClinicianTeamsLink> made = inTransaction(em -> {
            JpaClinicianTeamsLinkRepository repo = new JpaClinicianTeamsLinkRepository(em);
            ClinicianTeamsLink a = new ClinicianTeamsLink(org, "u1", TID, UUID.randomUUID().toString(), T0);
            ClinicianTeamsLink b = new ClinicianTeamsLink(org, "u2", TID, UUID.randomUUID().toString(),
                    T0.plusSeconds(1));
            ClinicianTeamsLink c = new ClinicianTeamsLink(elsewhere, "u1", TID, UUID.randomUUID().toString(), T0);
            repo.add(a);
            repo.add(b);
            repo.add(c);
            return List.of(a, b, c);
        });
        assertThat(this.<Long>inTransaction(em -> new JpaClinicianTeamsLinkRepository(em).countOf(org))).isEqualTo(2);
        assertThat(this.<List<ClinicianTeamsLink>>inTransaction(em -> new JpaClinicianTeamsLinkRepository(em).ofOrganization(org, 0, 10)))
                .extracting(ClinicianTeamsLink::ehrUserId).containsExactly("u2", "u1");
        assertThat(this.<List<ClinicianTeamsLink>>inTransaction(em -> new JpaClinicianTeamsLinkRepository(em).ofOrganization(org, 1, 10)))
                .extracting(ClinicianTeamsLink::ehrUserId).containsExactly("u1");
        assertThat(this.<Boolean>inTransaction(em -> new JpaClinicianTeamsLinkRepository(em).remove(org, made.get(2).id())))
                .as("another organization's link").isFalse();
        assertThat(this.<Boolean>inTransaction(em -> new JpaClinicianTeamsLinkRepository(em).remove(org, made.get(0).id())))
                .isTrue();
        assertThat(this.<Long>inTransaction(em -> new JpaClinicianTeamsLinkRepository(em).countOf(org))).isEqualTo(1);
        assertThat(this.<Long>inTransaction(em -> new JpaClinicianTeamsLinkRepository(em).countOf(elsewhere))).isEqualTo(1);
    }

    @Test
    void onlyEntrasGuidsAreTaken() {
        assertThatThrownBy(() -> new ClinicianTeamsLink(UUID.randomUUID(), "u", "contoso.onmicrosoft.com",
                UUID.randomUUID().toString(), T0)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new ClinicianTeamsLink(UUID.randomUUID(), "u", TID, "ada@contoso.org", T0))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new ClinicianTeamsLink(UUID.randomUUID(), " ", TID, TID, T0))
                .isInstanceOf(InvalidValueException.class);
    }

    @Test
    void theSettingsKeepTheClinicianSignInChoiceOffUntilChosen() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Organization organization = Organization.register(new OrganizationName("Teams Clinic " + UUID.randomUUID()),
                DataRegion.EMEA, EhrVendor.EPIC, now);
        UUID org = organization.id();
        inTransaction(em -> {
            new JpaOrganizationRepository(em).add(organization);
            TeamsSettings s = new TeamsSettings(org, TID, "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", "visits@contoso.org",
                    TeamsSettings.LobbyBypass.ORGANIZATION, TeamsSettings.MeetingChat.ENABLED, false, "admin", now);
            s.useSecret("sealed", "admin", now);
            new JpaTeamsSettingsRepository(em).add(s);
            return null;
        });
        assertThat(this.<java.util.Optional<TeamsSettings>>inTransaction(em -> new JpaTeamsSettingsRepository(em).find(org)).orElseThrow()
                .clinicianSignIn()).isEqualTo(TeamsSettings.ClinicianSignIn.OFF);
        inTransaction(em -> {
            new JpaTeamsSettingsRepository(em).find(org).orElseThrow()
                    .clinicianSignIn(TeamsSettings.ClinicianSignIn.ORGANIZER, "admin", now);
            return null;
        });
        assertThat(this.<java.util.Optional<TeamsSettings>>inTransaction(em -> new JpaTeamsSettingsRepository(em).find(org)).orElseThrow()
                .clinicianSignIn()).isEqualTo(TeamsSettings.ClinicianSignIn.ORGANIZER);
    }

    private <T> T inTransaction(Function<EntityManager, T> work) {
        EntityManager em = migrated.factory().createEntityManager();
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
}
