package org.openvisit.demo.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.openvisit.tenant.application.OutboundAddressConfiguration;
import org.openvisit.tenant.domain.model.Actor;
import org.openvisit.tenant.domain.model.DataRegion;
import org.openvisit.tenant.domain.model.EhrVendor;
import org.openvisit.tenant.domain.model.EndpointDetails;
import org.openvisit.tenant.domain.model.FhirBaseUrl;
import org.openvisit.tenant.domain.model.FhirEndpoint;
import org.openvisit.tenant.domain.model.FhirEndpointRepository;
import org.openvisit.tenant.domain.model.FhirEnvironment;
import org.openvisit.tenant.domain.model.Organization;
import org.openvisit.tenant.domain.model.OrganizationName;
import org.openvisit.tenant.domain.model.OrganizationRepository;
import org.openvisit.tenant.domain.model.PortalUsername;
import org.openvisit.tenant.domain.model.Role;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;

/**
 * The demo organization's seeding, in one transaction: the organization when missing, and each sandbox
 * URL as an endpoint that walks the ordinary approval path (create, submit, EHR verification, approve)
 * with the system as the actor, so its history says who did it.
 */
@Stateless
public class DemoSeeding {

    public static final String ORGANIZATION_NAME = "Demo Health (EHR sandbox)";
    /**
     * The launch key of the demo endpoints, the same for each of the sandbox's FHIR base URLs (the launch's
     * {@code iss} tells them apart): the EHR sandbox's own registration of OpenVisit launches
     * {@code /launch/e/demo} and {@code /launch/e/demo/patient}. Development mode only: a real endpoint's key is random.
     */
    public static final String DEMO_LAUNCH_KEY = "demo";
    /** The actor the history rows name: no person, the installation itself in development mode. */
    public static final String SYSTEM_USER = "system-development-seed";

    @Inject
    private OrganizationRepository organizations;

    @Inject
    private FhirEndpointRepository endpoints;

    @Inject
    private OutboundAddressConfiguration addresses;

    private final Clock clock = Clock.systemUTC();

    /** @return how many endpoints were added */
    public int seed(Set<String> sandboxUrls) {
        Instant now = clock.instant();
        OrganizationName name = new OrganizationName(ORGANIZATION_NAME);
        Organization organization = organizations.findByName(name).orElseGet(() -> {
            Organization created = Organization.register(name, DataRegion.AMERICAS, EhrVendor.OTHER_SMART, now);
            organizations.add(created);
            return created;
        });
        Actor system = Actor.member(SYSTEM_USER, organization.id(), Role.ORG_ADMIN, Role.EHR_ANALYST);
        int added = 0;
        for (String url : sandboxUrls) {
            FhirBaseUrl baseUrl = FhirBaseUrl.of(url, addresses.policy());
            var existing = endpoints.findByOrganizationEnvironmentAndUrl(organization.id(), FhirEnvironment.TEST, baseUrl);
            if (existing.isPresent()) {
                existing.get().assignLaunchKey(DEMO_LAUNCH_KEY); // a demo endpoint from before launch keys existed
                continue;
            }
            FhirEndpoint endpoint = FhirEndpoint.create(organization.id(), new EndpointDetails(baseUrl,
                    FhirEnvironment.TEST, "EHR sandbox (seeded in development mode)", new PortalUsername(SYSTEM_USER)),
                    system, now);
            endpoint.submitForApproval(system, now);
            endpoint.recordSeededVerification(system, "seeded by the system in development mode (no EHR sign-in)", now);
            endpoint.approve(system, now);
            endpoint.assignLaunchKey(DEMO_LAUNCH_KEY);
            endpoints.add(endpoint);
            added++;
        }
        return added;
    }
}
