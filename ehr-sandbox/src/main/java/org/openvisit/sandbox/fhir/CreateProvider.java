package org.openvisit.sandbox.fhir;

import ca.uhn.fhir.rest.annotation.ConditionalUrlParam;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import org.hl7.fhir.r4.model.Resource;
import org.openvisit.sandbox.records.FhirRecords;

import java.time.ZoneId;
import java.util.List;

/**
 * Adds create, plain and conditional, to read and search. {@code If-None-Exist} must carry only search parameters
 * ({@code identifier=system|value}) as FHIR R4 says (http.html#ccreate); an absolute or {@code Type?...} form is
 * refused with 400, as strict servers do.
 */
public class CreateProvider<T extends Resource> extends ReadSearchProvider<T> {

    public CreateProvider(Class<T> type, FhirRecords records, ZoneId zone) {
        super(type, records, zone);
    }

    /**
     * Synchronized per resource type, so that a conditional create is atomic as in a real EHR's
     * transaction: two identical conditional creates at once make one resource, not two.
     */
    @Create
    public synchronized MethodOutcome create(@ResourceParam T resource, @ConditionalUrlParam String conditionalUrl,
                                             RequestDetails request) {
        String ifNoneExist = request == null ? null : request.getHeader("If-None-Exist");
        if (ifNoneExist != null && !searchParametersOnly(ifNoneExist)) {
            throw new InvalidRequestException("If-None-Exist must carry only search parameters, such as "
                    + "identifier=system|value, not a URL (FHIR R4 http.html#ccreate)");
        }
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

    /** Whether an If-None-Exist value is a bare query ({@code a=b&c=d}), not {@code [base/]Type?a=b}. */
    static boolean searchParametersOnly(String ifNoneExist) {
        String v = ifNoneExist.strip();
        return !v.isEmpty() && !v.contains("?") && !v.contains("://") && !v.startsWith("/")
                && v.substring(0, v.contains("=") ? v.indexOf('=') : v.length()).matches("[A-Za-z_][A-Za-z0-9_.:-]*");
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
