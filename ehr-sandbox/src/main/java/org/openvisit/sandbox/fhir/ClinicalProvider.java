package org.openvisit.sandbox.fhir;

import ca.uhn.fhir.rest.annotation.ConditionalUrlParam;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;
import org.openvisit.sandbox.records.FhirRecords;
import org.openvisit.sandbox.records.VersionConflictException;

import java.time.ZoneId;
import java.util.List;

/** Full read, search, create and update (by id or conditional, with If-Match) of a clinical resource type. */
public class ClinicalProvider<T extends Resource> extends CreateProvider<T> {

    public ClinicalProvider(Class<T> type, FhirRecords records, ZoneId zone) {
        super(type, records, zone);
    }

    @Update
    public MethodOutcome update(@IdParam IdType id, @ResourceParam T resource, @ConditionalUrlParam String conditionalUrl,
                                RequestDetails request) {
        String targetId;
        if (conditionalUrl != null) {
            List<T> existing = matching(criteriaOf(conditionalUrl));
            if (existing.size() > 1) {
                throw new PreconditionFailedException("The conditional update matches " + existing.size() + " resources");
            }
            targetId = existing.isEmpty()
                    ? (resource.getIdElement().hasIdPart() ? resource.getIdElement().getIdPart() : java.util.UUID.randomUUID().toString())
                    : existing.get(0).getIdElement().getIdPart();
        } else {
            targetId = id.getIdPart();
            if (resource.getIdElement().hasIdPart() && !resource.getIdElement().getIdPart().equals(targetId)) {
                throw new InvalidRequestException("The resource id " + resource.getIdElement().getIdPart()
                        + " does not match the URL id " + targetId);
            }
        }
        try {
            Resource stored = records.update(resource, targetId, expectedVersion(id, request));
            boolean created = "1".equals(stored.getMeta().getVersionId());
            return new MethodOutcome(stored.getIdElement(), created).setResource(stored);
        } catch (VersionConflictException e) {
            throw new PreconditionFailedException(e.getMessage());
        }
    }

    /** The version named by If-Match ({@code W/"3"} or {@code "3"}), or null when the header is absent. */
    static String expectedVersion(IdType id, RequestDetails request) {
        String ifMatch = request.getHeader("If-Match");
        if (ifMatch != null && !ifMatch.isBlank()) {
            return ifMatch.trim().replaceFirst("^W/", "").replace("\"", "");
        }
        return id != null && id.hasVersionIdPart() ? id.getVersionIdPart() : null;
    }
}
