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
import org.openvisit.sandbox.fault.FaultSwitch;
import org.openvisit.sandbox.records.FhirRecords;
import org.openvisit.sandbox.records.VersionConflictException;

import java.time.ZoneId;
import java.util.List;

/**
 * Full read, search, create and update (by id or conditional, with If-Match) of a clinical resource type. A version
 * conflict is answered as {@link VersionConflicts} says (412 or 409); the fault switch's concurrent edit changes
 * the record just before an update with If-Match.
 */
public class ClinicalProvider<T extends Resource> extends CreateProvider<T> {

    private final VersionConflicts conflicts;
    private final FaultSwitch faults;

    public ClinicalProvider(Class<T> type, FhirRecords records, ZoneId zone) {
        this(type, records, zone, new VersionConflicts(), null);
    }

    public ClinicalProvider(Class<T> type, FhirRecords records, ZoneId zone, VersionConflicts conflicts,
                            FaultSwitch faults) {
        super(type, records, zone);
        this.conflicts = conflicts;
        this.faults = faults;
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
        String expected = expectedVersion(id, request);
        if (expected != null && faults != null && faults.nextConditionalUpdate()) {
            records.editMeanwhile(typeName(), targetId);
        }
        try {
            Resource stored = records.update(resource, targetId, expected);
            boolean created = "1".equals(stored.getMeta().getVersionId());
            return new MethodOutcome(stored.getIdElement(), created).setResource(stored);
        } catch (VersionConflictException e) {
            throw conflicts.conflict(e.getMessage());
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
