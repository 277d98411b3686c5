package org.openvisit.tenant.application;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import org.openvisit.ehr.FhirServerCheck;
import org.openvisit.ehr.FhirServerProbe;
import org.openvisit.tenant.domain.model.Actor;

import java.util.UUID;

/**
 * An endpoint's Test connection: whether its EHR answers OpenVisit's SMART discovery and FHIR metadata requests, for
 * whoever may see the endpoint. Nothing is stored; no transaction is held while the EHR answers.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class EndpointConnectionService {

    @EJB
    private EndpointService endpoints;

    @Inject
    private FhirServerProbe probe;

    /** @throws EndpointNotFoundException no such endpoint, or not one the actor may see */
    public FhirServerCheck test(@NotNull(message = "{openvisit.actor.required}") Actor actor,
                                @NotNull UUID endpointId) {
        return probe.check(endpoints.find(actor, endpointId).baseUrl());
    }
}
