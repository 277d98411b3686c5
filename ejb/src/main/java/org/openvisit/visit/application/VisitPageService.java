package org.openvisit.visit.application;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import org.openvisit.tenant.domain.model.OrganizationRepository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads a visit page (the clinician's page or the lobby): the last step of every launch. The visit and its events come
 * from the visit's regional store, the organization's name from the global store, each read on its own (a transaction
 * stays within one store).
 */
@Stateless
@jakarta.ejb.TransactionAttribute(jakarta.ejb.TransactionAttributeType.NOT_SUPPORTED)
public class VisitPageService {

    static final String UNNAMED_ORGANIZATION = "Your clinic";

    @EJB
    private VisitOrchestrationService visits;

    @EJB
    private VisitEvents events;

    @Inject
    private OrganizationRepository organizations;

    /** @param withEvents the clinician's page lists the visit's events; the lobby does not */
    public Optional<VisitPage> of(@NotNull UUID visitId, boolean withEvents) {
        return visits.find(visitId).map(visit -> {
            var organization = organizations.find(visit.organizationId());
            return new VisitPage(visit, organization.map(o -> o.name().value()).orElse(UNNAMED_ORGANIZATION),
                    withEvents ? events.of(visitId) : List.of(),
                    organization.map(o -> o.patientLanguage()).orElse(org.openvisit.shared.domain.model.Language.ENGLISH));
        });
    }
}
