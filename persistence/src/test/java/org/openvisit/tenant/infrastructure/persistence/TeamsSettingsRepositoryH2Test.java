package org.openvisit.tenant.infrastructure.persistence;

import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openvisit.database.MigratedDatabase;
import org.openvisit.database.SchemaMigrator;
import org.openvisit.database.TestDatabase;
import org.openvisit.tenant.domain.model.DataRegion;
import org.openvisit.tenant.domain.model.EhrVendor;
import org.openvisit.tenant.domain.model.Organization;
import org.openvisit.tenant.domain.model.OrganizationName;
import org.openvisit.tenant.domain.model.TeamsSettings;
import org.openvisit.tenant.domain.model.TeamsSettings.LobbyBypass;
import org.openvisit.tenant.domain.model.TeamsSettings.MeetingChat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The Teams settings table (global V31) and its repository on H2. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TeamsSettingsRepositoryH2Test {

    private MigratedDatabase migrated;

    @BeforeAll
    void open() {
        TestDatabase database = TestDatabase.h2();
        SchemaMigrator.migrate(database.dataSource());
        migrated = MigratedDatabase.open(database);
    }

    @AfterAll
    void close() {
        migrated.close();
    }

    @Test
    void storesTheSettingsWithTheCredentialOnlySealed() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Organization org = Organization.register(new OrganizationName("Teams Clinic " + UUID.randomUUID()),
                DataRegion.EMEA, EhrVendor.EPIC, now);
        EntityManager em = migrated.factory().createEntityManager();
        em.getTransaction().begin();
        new JpaOrganizationRepository(em).add(org);
        TeamsSettings settings = new TeamsSettings(org.id(), "contoso.onmicrosoft.com",
                "AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE", "visits@contoso.org", LobbyBypass.ORGANIZATION,
                MeetingChat.LIMITED, true, "admin", now);
        settings.useCertificate("sealed-key", "MIIB", now.plusSeconds(86400), "admin", now);
        new JpaTeamsSettingsRepository(em).add(settings);
        em.getTransaction().commit();
        em.close();

        EntityManager again = migrated.factory().createEntityManager();
        TeamsSettings loaded = new JpaTeamsSettingsRepository(again).find(org.id()).orElseThrow();
        assertThat(loaded.tenantId()).isEqualTo("contoso.onmicrosoft.com");
        assertThat(loaded.clientId()).isEqualTo("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee");
        assertThat(loaded.credentialKind()).isEqualTo(TeamsSettings.CredentialKind.CERTIFICATE);
        assertThat(loaded.sealedCredential()).isEqualTo("sealed-key");
        assertThat(loaded.certificateExpiresAt()).contains(now.plusSeconds(86400));
        assertThat(loaded.lobbyBypass()).isEqualTo(LobbyBypass.ORGANIZATION);
        assertThat(loaded.meetingChat()).isEqualTo(MeetingChat.LIMITED);
        assertThat(loaded.entryExitAnnounced()).isTrue();
        assertThat(new JpaTeamsSettingsRepository(again).find(UUID.randomUUID())).isEmpty();
        again.close();
    }
}
