package org.openvisit.sandbox.fhir;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;
import org.openvisit.sandbox.records.FhirRecords;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Read (current and by version) and search of one resource type, answered from the in-memory records. */
public class ReadSearchProvider<T extends Resource> implements IResourceProvider {

    protected final Class<T> type;
    protected final FhirRecords records;
    private final ZoneId zone;

    public ReadSearchProvider(Class<T> type, FhirRecords records, ZoneId zone) {
        this.type = type;
        this.records = records;
        this.zone = zone;
    }

    @Override
    public Class<T> getResourceType() {
        return type;
    }

    @Read(version = true)
    public T read(@IdParam IdType id) {
        String typeName = typeName();
        var found = id.hasVersionIdPart()
                ? records.readVersion(typeName, id.getIdPart(), id.getVersionIdPart())
                : records.read(typeName, id.getIdPart());
        return type.cast(found.orElseThrow(() -> new ResourceNotFoundException(id)));
    }

    @Search(allowUnknownParams = true)
    public List<T> search(RequestDetails request) {
        Map<String, List<String>> criteria = new LinkedHashMap<>();
        request.getParameters().forEach((name, values) -> criteria.put(name, Arrays.asList(values)));
        return matching(criteria);
    }

    /** {@code _lastUpdated}: the time the sandbox stored the resource's current version (any type). */
    private static final SearchParameter LAST_UPDATED = new SearchParameter("_lastUpdated", SearchParameter.Kind.DATE,
            r -> r.getMeta().getLastUpdated() == null ? List.of() : List.of(r.getMeta().getLastUpdated().toInstant().toString()));

    /**
     * The current resources that match every criterion; names starting with "_" other than _id and _lastUpdated are
     * ignored ({@code _count} is the paging provider's).
     */
    protected List<T> matching(Map<String, List<String>> criteria) {
        Map<String, SearchParameter> parameters = SearchParameters.forType(typeName());
        try {
            return records.all(typeName()).stream()
                    .filter(resource -> criteria.entrySet().stream().allMatch(criterion ->
                            matches(resource, criterion.getKey(), criterion.getValue(), parameters)))
                    .map(type::cast)
                    .toList();
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("not a date: " + e.getParsedString());
        }
    }

    /** Parses the query part of a conditional URL such as {@code Patient?identifier=a|b} into criteria. */
    protected static Map<String, List<String>> criteriaOf(String conditionalUrl) {
        Map<String, List<String>> criteria = new LinkedHashMap<>();
        String query = conditionalUrl.contains("?") ? conditionalUrl.substring(conditionalUrl.indexOf('?') + 1) : conditionalUrl;
        for (String pair : query.split("&")) {
            if (pair.isBlank()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            criteria.computeIfAbsent(name, n -> new java.util.ArrayList<>()).add(value);
        }
        return criteria;
    }

    protected String typeName() {
        return type.getSimpleName();
    }

    private boolean matches(Resource resource, String rawName, List<String> wanted, Map<String, SearchParameter> parameters) {
        String name = rawName.contains(":") ? rawName.substring(0, rawName.indexOf(':')) : rawName;
        if (name.equals("_id")) {
            return wanted.stream().allMatch(ids -> Arrays.asList(ids.split(",")).contains(resource.getIdElement().getIdPart()));
        }
        if (name.equals("_lastUpdated")) {
            java.util.Date updated = resource.getMeta().getLastUpdated();
            return updated != null && wanted.stream().allMatch(value -> LAST_UPDATED.matches(resource, value, zone));
        }
        SearchParameter parameter = parameters.get(name);
        if (parameter == null) {
            return true;
        }
        return wanted.stream().allMatch(value -> parameter.matches(resource, value, zone));
    }
}
