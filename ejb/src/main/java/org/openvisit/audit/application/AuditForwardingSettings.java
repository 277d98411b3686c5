package org.openvisit.audit.application;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import org.openvisit.audit.domain.model.AuditActor;
import org.openvisit.audit.domain.model.AuditFact;
import org.openvisit.audit.domain.model.AuditKind;
import org.openvisit.shared.domain.model.ForbiddenException;
import org.openvisit.tenant.application.OrganizationNotFoundException;
import org.openvisit.tenant.application.OutboundAddressConfiguration;
import org.openvisit.tenant.domain.model.Actor;
import org.openvisit.tenant.domain.model.FhirBaseUrl;
import org.openvisit.tenant.domain.model.Organization;
import org.openvisit.tenant.domain.model.OrganizationRepository;
import org.openvisit.tenant.domain.model.Role;

import java.util.Optional;
import java.util.UUID;

/**
 * Whether and where an organization's audit events are forwarded: the FHIR base URL of its own audit repository,
 * set by its administrators (or an operator), checked by the installation's outbound address policy (https, no private
 * or loopback address in production) as an endpoint's is, and stored with the organization (global store). Read
 * outside any transaction (so the regional transaction that records an event never touches the global store), and
 * remembered for {@link ForwardingCache#TTL} on each node.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AuditForwardingSettings {

    @Inject
    private OrganizationRepository organizations;

    @Inject
    private OutboundAddressConfiguration addresses;

    @Inject
    private ForwardingCache cache;

    @EJB
    private AuditTrail trail;

    @Resource
    private SessionContext context;

    /** The organization's audit repository, if its events are forwarded. */
    public Optional<String> repositoryOf(@NotNull UUID organizationId) {
        return cache.get(organizationId, id -> organizations.find(id).flatMap(Organization::auditRepositoryUrl));
    }

    /** @throws ForbiddenException the actor is neither an administrator of the organization nor an operator */
    public Optional<String> view(@NotNull Actor actor, @NotNull UUID organizationId) {
        mayManage(actor, organizationId);
        return organization(organizationId).auditRepositoryUrl();
    }

    /**
     * Forwards the organization's audit events from now on to the FHIR server at {@code url} (blank: no longer),
     * audited as a security configuration change.
     *
     * @throws ForbiddenException the actor is neither an administrator of the organization nor an operator
     * @throws org.openvisit.tenant.domain.model.InvalidFhirBaseUrlException the address is refused, with the reason
     */
    public Optional<String> forwardTo(@NotNull Actor actor, @NotNull UUID organizationId, String url) {
        mayManage(actor, organizationId);
        FhirBaseUrl checked = url == null || url.isBlank() ? null : FhirBaseUrl.of(url.strip(), addresses.policy());
        boolean changed = context.getBusinessObject(AuditForwardingSettings.class).change(organizationId, checked);
        cache.forget(organizationId);
        if (changed) {
            trail.record(AuditFact.of(AuditKind.AUDIT_SETTINGS_CHANGED, AuditActor.portalUser(actor.username()))
                    .withOrganization(organizationId)
                    .withDetail(checked == null ? "forwarding turned off" : "forwarding to " + checked.value()));
        }
        return Optional.ofNullable(checked).map(FhirBaseUrl::value);
    }

    /** The change, in a transaction of the global store alone. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean change(@NotNull UUID organizationId, FhirBaseUrl url) {
        return organization(organizationId).forwardAuditTo(url);
    }

    private Organization organization(UUID id) {
        return organizations.find(id).orElseThrow(() -> new OrganizationNotFoundException(id));
    }

    static void mayManage(Actor actor, UUID organizationId) {
        if (!actor.hasRole(Role.OPERATOR) && !actor.hasRoleIn(Role.ORG_ADMIN, organizationId)) {
            throw new ForbiddenException("Only the organization's administrators, and operators, may read and change "
                    + "where its audit events are forwarded.").worded("audit.forwardingForbidden");
        }
    }
}
