package org.openvisit.region.infrastructure.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openvisit.database.MigratedDatabase;
import org.openvisit.database.SchemaMigrator;
import org.openvisit.database.TestDatabase;
import org.openvisit.region.domain.model.RegionMove;
import org.openvisit.region.domain.model.RegionMoveState;
import org.openvisit.region.domain.model.RegionMoveStep;
import org.openvisit.region.domain.model.TableCheck;
import org.openvisit.tenant.domain.model.DataRegion;
import org.openvisit.tenant.domain.model.EhrVendor;
import org.openvisit.tenant.domain.model.Organization;
import org.openvisit.tenant.domain.model.OrganizationName;
import org.openvisit.tenant.infrastructure.persistence.JpaOrganizationRepository;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Region moves in the global store (V36), on H2 and PostgreSQL: a move with its history and per-table checks comes
 * back as it was stored; one unfinished move per organization; a finished one frees the organization for the next.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RegionMoveRepositoryContract {

    private static final Instant T0 = Instant.parse("2026-12-05T00:00:00Z");

    private MigratedDatabase migrated;
    private EntityManagerFactory factory;
    private EntityManager em;

    protected abstract TestDatabase createDatabase();

    @BeforeAll
    void migrateAndOpen() {
        TestDatabase database = createDatabase();
        SchemaMigrator.migrate(database.dataSource());
        migrated = MigratedDatabase.open(database);
        factory = migrated.factory();
    }

    @AfterAll
    void closeAndDrop() {
        if (migrated != null) {
            migrated.close();
        }
    }

    @BeforeEach
    void openEntityManager() {
        em = factory.createEntityManager();
    }

    @AfterEach
    void closeEntityManager() {
        if (em.getTransaction().isActive()) {
            em.getTransaction().rollback();
        }
        em.close();
    }

    private void inTransaction(Consumer<JpaRegionMoveRepository> work) {
        em.getTransaction().begin();
        work.accept(new JpaRegionMoveRepository(em));
        em.getTransaction().commit();
        em.clear();
    }

    private UUID organization() {
        Organization o = Organization.register(new OrganizationName("Move " + UUID.randomUUID()), DataRegion.AMERICAS,
                EhrVendor.EPIC, T0);
        em.getTransaction().begin();
        new JpaOrganizationRepository(em).add(o);
        em.getTransaction().commit();
        return o.id();
    }

    @Test
    void aMoveComesBackWithItsStepsAndChecks() {
        UUID org = organization();
        RegionMove move = RegionMove.request(org, DataRegion.AMERICAS, DataRegion.EMEA, "operator", T0);
        inTransaction(moves -> moves.add(move));
        inTransaction(moves -> {
            RegionMove m = moves.find(move.id()).orElseThrow();
            assertThat(m.take("node-a", T0, java.time.Duration.ofMinutes(1))).isTrue();
            m.startCopying("node-a", T0.plusSeconds(1));
            m.verify(List.of(new TableCheck("visit", 2, "aa", 2, "aa")), "node-a", T0.plusSeconds(2));
        });
        inTransaction(moves -> {
            RegionMove m = moves.find(move.id()).orElseThrow();
            assertThat(m.state()).isEqualTo(RegionMoveState.VERIFIED);
            assertThat(m.history()).extracting(RegionMoveStep::to).containsExactly(RegionMoveState.REQUESTED,
                    RegionMoveState.COPYING, RegionMoveState.VERIFIED);
            assertThat(m.history().get(1).at()).isEqualTo(T0.plusSeconds(1));
            assertThat(m.checks()).singleElement().satisfies(c -> {
                assertThat(c.table()).isEqualTo("visit");
                assertThat(c.matches()).isTrue();
            });
            assertThat(m.worker()).hasValue("node-a");
            assertThat(moves.unfinished()).extracting(RegionMove::id).contains(move.id());
        });
    }

    @Test
    void oneUnfinishedMovePerOrganization() {
        UUID org = organization();
        RegionMove first = RegionMove.request(org, DataRegion.AMERICAS, DataRegion.EMEA, "operator", T0);
        inTransaction(moves -> moves.add(first));
        em.getTransaction().begin();
        assertThatThrownBy(() -> new JpaRegionMoveRepository(em)
                .add(RegionMove.request(org, DataRegion.AMERICAS, DataRegion.APAC, "operator", T0)))
                .isInstanceOf(PersistenceException.class);
        em.getTransaction().rollback();
        em.clear();

        inTransaction(moves -> moves.find(first.id()).orElseThrow().fail("visits going on", "node", T0));
        RegionMove second = RegionMove.request(org, DataRegion.AMERICAS, DataRegion.APAC, "operator", T0.plusSeconds(5));
        inTransaction(moves -> moves.add(second));
        inTransaction(moves -> {
            assertThat(moves.ofOrganization(org)).extracting(RegionMove::id).containsExactly(second.id(), first.id());
            assertThat(moves.recent(100)).extracting(RegionMove::id).containsSubsequence(second.id(), first.id());
            assertThat(moves.unfinished()).extracting(RegionMove::id).contains(second.id()).doesNotContain(first.id());
            assertThat(moves.find(first.id()).orElseThrow().reason()).hasValue("visits going on");
        });
    }
}
