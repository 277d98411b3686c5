package org.openvisit.it.container;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openvisit.launch.application.LaunchAcceptance;
import org.openvisit.launch.application.LaunchAuditService;
import org.openvisit.operations.application.OperationsService;
import org.openvisit.tenant.application.EndpointService;
import org.openvisit.tenant.application.OrganizationService;
import org.openvisit.visit.application.EhrContextSeal;
import org.openvisit.visit.application.VisitEvents;
import org.openvisit.visit.application.VisitOrchestrationService;

/**
 * The application services inside Payara Micro (Arquillian): the real Micro WAR plus the test code, so
 * transactions, optimistic locking, Bean Validation, configuration and exception handling are the
 * container's own. The cases live in one interface per context ({@link TenantServicesInContainer},
 * {@link EndpointServicesInContainer}, {@link VisitServicesInContainer}); this one class runs them all
 * because every Arquillian class deploys its archive on a Payara Micro of its own (a boot each).
 */
@ExtendWith(ArquillianExtension.class)
class ServicesInContainerIT implements TenantServicesInContainer, EndpointServicesInContainer,
        VisitServicesInContainer {

    @Deployment
    static WebArchive deployment() {
        return MicroWar.with(ServicesInContainerIT.class, TenantServicesInContainer.class,
                EndpointServicesInContainer.class, EndpointServicesInContainer.Tenant.class,
                VisitServicesInContainer.class, VisitServicesInContainer.Tenant.class);
    }

    @EJB
    private OrganizationService organizations;

    @EJB
    private OperationsService operations;

    @EJB
    private EndpointService endpoints;

    @EJB
    private VisitOrchestrationService visits;

    @EJB
    private LaunchAcceptance acceptance;

    @EJB
    private LaunchAuditService audit;

    @EJB
    private VisitEvents events;

    @Inject
    private EhrContextSeal contextSeal;

    @Override
    public OrganizationService organizations() {
        return organizations;
    }

    @Override
    public OperationsService operations() {
        return operations;
    }

    @Override
    public EndpointService endpoints() {
        return endpoints;
    }

    @Override
    public VisitOrchestrationService visits() {
        return visits;
    }

    @Override
    public LaunchAcceptance acceptance() {
        return acceptance;
    }

    @Override
    public LaunchAuditService audit() {
        return audit;
    }

    @Override
    public VisitEvents events() {
        return events;
    }

    @Override
    public EhrContextSeal contextSeal() {
        return contextSeal;
    }
}
