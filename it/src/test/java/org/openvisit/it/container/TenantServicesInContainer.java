package org.openvisit.it.container;

import jakarta.validation.ConstraintViolationException;
import org.junit.jupiter.api.Test;
import org.openvisit.operations.application.DatabaseStatus;
import org.openvisit.operations.application.OperationsService;
import org.openvisit.tenant.application.DuplicateOrganizationException;
import org.openvisit.tenant.application.NewOrganization;
import org.openvisit.tenant.application.OrganizationPage;
import org.openvisit.tenant.application.OrganizationService;
import org.openvisit.tenant.application.OrganizationSummary;
import org.openvisit.tenant.domain.model.DataRegion;
import org.openvisit.tenant.domain.model.EhrVendor;
import org.openvisit.tenant.domain.model.InvalidOrganizationException;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The tenant services inside Payara Micro (run by {@link ServicesInContainerIT}), so transactions,
 * Bean Validation and exception handling are the container's own.
 */
interface TenantServicesInContainer {


    OrganizationService organizations();

    OperationsService operations();

    @Test
    default void theSchemaIsMigratedBeforeTheFirstCall() {
        DatabaseStatus status = operations().databaseStatus();
        assertThat(status.reachable()).isTrue();
        assertThat(status.product()).isEqualTo("H2");
        assertThat(status.schemaVersion()).isNotNull();
    }

    @Test
    default void registersAndFindsAnOrganization() {
        String name = "Container Clinic " + UUID.randomUUID();
        OrganizationSummary created = organizations().register(new NewOrganization(name, DataRegion.APAC, EhrVendor.EPIC));

        assertThat(created.version()).isEqualTo(1L);
        assertThat(organizations().find(created.id())).hasValueSatisfying(found -> {
            assertThat(found.name()).isEqualTo(name);
            assertThat(found.dataRegion()).isEqualTo(DataRegion.APAC);
        });
    }

    @Test
    default void aDuplicateReachesTheCallerAsItselfAndChangesNothing() {
        String name = "Duplicate Clinic " + UUID.randomUUID();
        organizations().register(new NewOrganization(name, DataRegion.EMEA, EhrVendor.ORACLE_HEALTH));
        long before = organizations().list(0, 1).total();

        assertThatThrownBy(() -> organizations().register(
                new NewOrganization(name.toLowerCase(), DataRegion.EMEA, EhrVendor.ORACLE_HEALTH)))
                .isExactlyInstanceOf(DuplicateOrganizationException.class);
        assertThat(organizations().list(0, 1).total()).isEqualTo(before);
    }

    @Test
    default void invalidInputIsRefusedUnwrapped() {
        assertThatThrownBy(() -> organizations().register(new NewOrganization("  ", DataRegion.EMEA, EhrVendor.EPIC)))
                .isInstanceOf(ConstraintViolationException.class);
        assertThatThrownBy(() -> organizations().register(new NewOrganization("Null\u0000Clinic", DataRegion.EMEA,
                EhrVendor.EPIC))).isExactlyInstanceOf(InvalidOrganizationException.class);
        assertThatThrownBy(() -> organizations().register(null)).isInstanceOf(ConstraintViolationException.class);
        assertThatThrownBy(() -> organizations().list(0, 0)).isInstanceOf(ConstraintViolationException.class);
    }

    @Test
    default void pagesComeInNameOrder() {
        String prefix = "Paging " + UUID.randomUUID() + " ";
        for (String suffix : new String[] {"C", "A", "B"}) {
            organizations().register(new NewOrganization(prefix + suffix, DataRegion.AMERICAS, EhrVendor.OTHER_SMART));
        }
        OrganizationPage all = organizations().list(0, 200);
        assertThat(all.items()).extracting(OrganizationSummary::name).filteredOn(n -> n.startsWith(prefix))
                .containsExactly(prefix + "A", prefix + "B", prefix + "C");
        assertThat(all.total()).isGreaterThanOrEqualTo(3);
    }
}
