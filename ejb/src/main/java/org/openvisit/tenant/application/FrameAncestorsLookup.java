package org.openvisit.tenant.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.openvisit.shared.domain.model.InvalidValueException;
import org.openvisit.tenant.domain.model.FhirBaseUrl;
import org.openvisit.tenant.domain.model.FhirEndpoint;
import org.openvisit.tenant.domain.model.FhirEndpointRepository;
import org.openvisit.visit.domain.model.Visit;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * For the web layer's security headers: which sites may frame a launch or a visit page. Answers origins
 * only (never an organization or endpoint), and an empty list when nothing is known, which the caller
 * turns into "no site may frame this page".
 */
@Stateless
@jakarta.ejb.TransactionAttribute(jakarta.ejb.TransactionAttributeType.NOT_SUPPORTED) // reads of two stores, each on its own
public class FrameAncestorsLookup {

    @Inject
    private FhirEndpointRepository endpoints;

    @jakarta.ejb.EJB
    private org.openvisit.region.application.RegionDirectory regions;

    @Inject
    private OutboundAddressConfiguration addresses;

    /**
     * A launch from {@code iss}: the sites of the approved endpoints with that FHIR base URL (several when
     * organizations share one EHR; the launch itself decides which one it is).
     */
    public List<String> forIssuer(String iss) {
        if (iss == null || iss.isBlank()) {
            return List.of();
        }
        FhirBaseUrl baseUrl;
        try {
            baseUrl = FhirBaseUrl.of(iss, addresses.policy());
        } catch (InvalidValueException notAFhirBaseUrl) {
            return List.of();
        }
        Set<String> origins = new LinkedHashSet<>();
        for (FhirEndpoint endpoint : endpoints.findApprovedByBaseUrl(baseUrl)) {
            origins.addAll(endpoint.frameAncestors().origins());
        }
        return List.copyOf(origins);
    }

    /** The pages of a visit: the sites of the endpoint it was launched from. */
    public List<String> forVisit(UUID visitId) {
        // the visit's store, then the global store: two reads, neither inside a transaction of the other
        return regions.ofVisit(visitId).visits().find(visitId).map(Visit::endpointId).flatMap(endpoints::find)
                .map(endpoint -> endpoint.frameAncestors().origins()).orElse(List.of());
    }
}
