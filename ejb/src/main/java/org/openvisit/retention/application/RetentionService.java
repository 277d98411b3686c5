package org.openvisit.retention.application;

import jakarta.ejb.EJB;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import org.openvisit.region.application.RegionDirectory;
import org.openvisit.shared.domain.model.ForbiddenException;
import org.openvisit.tenant.application.OrganizationNotFoundException;
import org.openvisit.tenant.domain.model.Actor;
import org.openvisit.tenant.domain.model.Organization;
import org.openvisit.tenant.domain.model.OrganizationRepository;
import org.openvisit.tenant.domain.model.Role;

import java.util.Optional;
import java.util.UUID;

/**
 * An organization's retention: read by its administrators and report readers (and operators), set by its
 * administrators (and operators) to keep visits for less than the installation does.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // the global and a regional store: never in one transaction
public class RetentionService {

    @Resource
    private SessionContext context;

    @Inject
    private OrganizationRepository organizations;

    @Inject
    private RetentionSettings settings;

    @EJB
    private RegionDirectory regions;

    /** @throws ForbiddenException the actor may not read this organization's settings */
    public RetentionView view(@NotNull Actor actor, @NotNull UUID organizationId) {
        if (!actor.hasRole(Role.OPERATOR) && !actor.hasRoleIn(Role.ORG_ADMIN, organizationId)
                && !actor.hasRoleIn(Role.REPORT_READER, organizationId)) {
            throw new ForbiddenException("Only the organization's administrators and report readers, and operators, "
                    + "may read how long its visits are kept.").worded("retention.readForbidden");
        }
        return view(organization(organizationId));
    }

    /**
     * Keeps the organization's visits for {@code days} (fewer than the installation), or as the installation does
     * ({@code null}). Takes effect at the next hourly purge.
     *
     * @throws ForbiddenException the actor does not administer this organization
     * @throws org.openvisit.shared.domain.model.InvalidValueException days not fewer than the installation's
     */
    public RetentionView keepVisitsFor(@NotNull Actor actor, @NotNull UUID organizationId, Integer days) {
        if (!actor.hasRole(Role.OPERATOR) && !actor.hasRoleIn(Role.ORG_ADMIN, organizationId)) {
            throw new ForbiddenException("Only the organization's administrators, and operators, may change how long "
                    + "its visits are kept.").worded("retention.changeForbidden");
        }
        return view(context.getBusinessObject(RetentionService.class).change(organizationId, days));
    }

    /** The change, in a transaction of the global store alone. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Organization change(@NotNull UUID organizationId, Integer days) {
        Organization organization = organization(organizationId);
        organization.keepVisitsFor(days, installationDays());
        return organization;
    }

    private RetentionView view(Organization organization) {
        Optional<Integer> installation = installationDays();
        Integer own = organization.visitRetentionDays().orElse(null);
        Integer applies = own != null ? own : installation.orElse(null);
        return new RetentionView(installation.orElse(null), own, applies,
                regions.ofOrganization(organization.id()).retention().latest(organization.id()));
    }

    private Optional<Integer> installationDays() {
        return settings.visits().map(d -> (int) d.toDays());
    }

    private Organization organization(UUID id) {
        return organizations.find(id).orElseThrow(() -> new OrganizationNotFoundException(id));
    }
}
