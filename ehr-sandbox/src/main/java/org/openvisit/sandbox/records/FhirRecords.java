package org.openvisit.sandbox.records;

import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every resource of the sandbox EHR with its full version history, kept in memory. Callers get
 * copies, so nothing outside can change a stored version.
 */
public class FhirRecords {

    private final Map<String, Map<String, List<Resource>>> byType = new HashMap<>();
    /** type -> "system|value" -> ids that carried that identifier in some version (checked on lookup). */
    private final Map<String, Map<String, java.util.Set<String>>> byIdentifier = new HashMap<>();
    private final AtomicLong nextId = new AtomicLong(1000);
    private final Clock clock;
    private final List<java.util.function.Consumer<Resource>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    public FhirRecords(Clock clock) {
        this.clock = clock;
    }

    /**
     * Tells {@code listener} of every version stored from now on (a copy; called under the records' lock, so it must
     * only hand the resource on, as the Subscription notifier does).
     */
    public void onStored(java.util.function.Consumer<Resource> listener) {
        listeners.add(listener);
    }

    /** Stores a new resource under a fresh id, or the id it carries (seed data), as version 1. */
    public synchronized Resource create(Resource resource) {
        String type = resource.fhirType();
        String id = resource.hasIdElement() && resource.getIdElement().hasIdPart()
                ? resource.getIdElement().getIdPart()
                : Long.toString(nextId.incrementAndGet());
        Map<String, List<Resource>> ofType = byType.computeIfAbsent(type, t -> new LinkedHashMap<>());
        if (ofType.containsKey(id)) {
            throw new IllegalArgumentException(type + "/" + id + " exists already");
        }
        List<Resource> versions = new ArrayList<>();
        ofType.put(id, versions);
        return store(versions, resource, type, id, 1);
    }

    /**
     * Stores a new version of an existing resource, or creates it with the given id.
     *
     * @param expectedVersion the version the caller based its change on (If-Match), or null
     * @throws VersionConflictException if the current version differs from the expected one
     */
    public synchronized Resource update(Resource resource, String id, String expectedVersion) {
        String type = resource.fhirType();
        Map<String, List<Resource>> ofType = byType.computeIfAbsent(type, t -> new LinkedHashMap<>());
        List<Resource> versions = ofType.get(id);
        if (versions == null) {
            if (expectedVersion != null) {
                throw new VersionConflictException(type + "/" + id + " does not exist, so it has no version " + expectedVersion);
            }
            versions = new ArrayList<>();
            ofType.put(id, versions);
            return store(versions, resource, type, id, 1);
        }
        int current = versions.size();
        if (expectedVersion != null && !expectedVersion.equals(Integer.toString(current))) {
            throw new VersionConflictException(type + "/" + id + " is at version " + current + ", not " + expectedVersion);
        }
        return store(versions, resource, type, id, current + 1);
    }

    /**
     * Someone else changes the record now (a clinician editing the Encounter in the EHR): a new version that
     * carries the extension {@value #EDITED_MEANWHILE} with its version number, the rest as it was.
     *
     * @return false when there is no such record
     */
    public synchronized boolean editMeanwhile(String type, String id) {
        List<Resource> versions = byType.getOrDefault(type, Map.of()).get(id);
        if (versions == null) {
            return false;
        }
        Resource edited = versions.get(versions.size() - 1).copy();
        if (edited instanceof org.hl7.fhir.r4.model.DomainResource domain) {
            domain.addExtension(EDITED_MEANWHILE, new org.hl7.fhir.r4.model.IntegerType(versions.size() + 1));
        }
        store(versions, edited, type, id, versions.size() + 1);
        return true;
    }

    /** The extension a simulated concurrent edit leaves on the record (so a test sees it was kept). */
    public static final String EDITED_MEANWHILE = "urn:openvisit:sandbox:edited-meanwhile";

    public synchronized Optional<Resource> read(String type, String id) {
        List<Resource> versions = byType.getOrDefault(type, Map.of()).get(id);
        return versions == null ? Optional.empty() : Optional.of(versions.get(versions.size() - 1).copy());
    }

    public synchronized Optional<Resource> readVersion(String type, String id, String version) {
        List<Resource> versions = byType.getOrDefault(type, Map.of()).get(id);
        if (versions == null || !version.matches("\\d+")) {
            return Optional.empty();
        }
        int index = Integer.parseInt(version) - 1;
        return index < 0 || index >= versions.size() ? Optional.empty() : Optional.of(versions.get(index).copy());
    }

    /** The current version of every resource of a type, in the order they were created. */
    public synchronized List<Resource> all(String type) {
        return byType.getOrDefault(type, Map.of()).values().stream()
                .map(versions -> versions.get(versions.size() - 1).copy())
                .toList();
    }

    /**
     * The current resources of a type that carry the identifier {@code system|value}: an index lookup,
     * as a real EHR answers a conditional create on an identifier, not a scan of every record.
     */
    public synchronized List<Resource> withIdentifier(String type, String system, String value) {
        java.util.Set<String> ids = byIdentifier.getOrDefault(type, Map.of()).getOrDefault(system + "|" + value, java.util.Set.of());
        List<Resource> found = new ArrayList<>();
        for (String id : ids) {
            List<Resource> versions = byType.getOrDefault(type, Map.of()).get(id);
            if (versions != null) {
                Resource current = versions.get(versions.size() - 1);
                if (identifiers(current).contains(system + "|" + value)) {
                    found.add(current.copy());
                }
            }
        }
        return found;
    }

    private static List<String> identifiers(Resource resource) {
        List<String> keys = new ArrayList<>();
        org.hl7.fhir.r4.model.Property property = resource.getNamedProperty("identifier");
        if (property != null) {
            for (org.hl7.fhir.r4.model.Base value : property.getValues()) {
                if (value instanceof org.hl7.fhir.r4.model.Identifier identifier) {
                    keys.add((identifier.hasSystem() ? identifier.getSystem() : "") + "|" + identifier.getValue());
                }
            }
        }
        return keys;
    }

    /** Forgets everything (used before seeding again). */
    public synchronized void clear() {
        byType.clear();
        byIdentifier.clear();
    }

    private Resource store(List<Resource> versions, Resource resource, String type, String id, int version) {
        Resource stored = resource.copy();
        stored.setIdElement(new IdType(type, id, Integer.toString(version)));
        stored.getMeta().setVersionId(Integer.toString(version));
        stored.getMeta().setLastUpdated(Date.from(clock.instant()));
        versions.add(stored);
        for (java.util.function.Consumer<Resource> listener : listeners) {
            listener.accept(stored.copy());
        }
        for (String key : identifiers(stored)) {
            byIdentifier.computeIfAbsent(type, t -> new HashMap<>()).computeIfAbsent(key, k -> new java.util.HashSet<>()).add(id);
        }
        return stored.copy();
    }
}
