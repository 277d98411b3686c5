package org.openvisit.sandbox.fhir;

import ca.uhn.fhir.rest.annotation.ConditionalUrlParam;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import org.hl7.fhir.r4.model.Resource;
import org.openvisit.sandbox.records.FhirRecords;

import java.time.ZoneId;
import java.util.List;

/** Adds create, plain and conditional (If-None-Exist), to read and search. */
public class CreateProvider<T extends Resource> extends ReadSearchProvider<T> {

    public CreateProvider(Class<T> type, FhirRecords records, ZoneId zone) {
        super(type, records, zone);
    }

    /**
     * Synchronized per resource type, so that a conditional create is atomic as in a real EHR's
     * transaction: two identical conditional creates at once make one resource, not two.
     */
    @Create
    public synchronized MethodOutcome create(@ResourceParam T resource, @ConditionalUrlParam String conditionalUrl) {
        if (conditionalUrl != null) {
            List<T> existing = byIdentifierOnly(criteriaOf(conditionalUrl));
            if (existing == null) {
                existing = matching(criteriaOf(conditionalUrl));
            }
            if (existing.size() > 1) {
                throw new PreconditionFailedException("If-None-Exist matches " + existing.size() + " resources");
            }
            if (existing.size() == 1) {
                T found = existing.get(0);
                return new MethodOutcome(found.getIdElement(), false).setResource(found);
            }
        }
        resource.setId((String) null);
        Resource created = records.create(resource);
        return new MethodOutcome(created.getIdElement(), true).setResource(created);
    }

    /** For the common {@code identifier=system|value} alone: the records' identifier index; otherwise null. */
    private List<T> byIdentifierOnly(java.util.Map<String, List<String>> criteria) {
        if (criteria.size() != 1 || !criteria.containsKey("identifier") || criteria.get("identifier").size() != 1) {
            return null;
        }
        String token = criteria.get("identifier").get(0);
        int bar = token.indexOf('|');
        if (bar <= 0 || token.contains(",") || token.indexOf('|', bar + 1) >= 0) {
            return null;
        }
        return records.withIdentifier(typeName(), token.substring(0, bar), token.substring(bar + 1)).stream()
                .map(type::cast).toList();
    }
}
