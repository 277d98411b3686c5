package org.openvisit.audit.interfaces.rest;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.openvisit.audit.application.AuditQuery;
import org.openvisit.audit.application.AuditSearchService;
import org.openvisit.audit.interfaces.web.AuditParameters;
import org.openvisit.shared.domain.model.InvalidValueException;
import org.openvisit.tenant.domain.model.Actor;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;

/** What both audit resources do alike: the query from the address, the Bundle with its paging links. */
final class AuditEventsApi {

    static final String FHIR_JSON = "application/fhir+json";

    private AuditEventsApi() {
    }

    static Response bundle(AuditSearchService search, Actor actor, UUID organization, UriInfo uri, int first, int max) {
        MultivaluedMap<String, String> p = uri.getQueryParameters();
        ZoneId zone = zone(p.getFirst("zone"));
        AuditQuery query = new AuditParameters(null, p.getFirst("from"), p.getFirst("to"), p.getFirst("kind"),
                p.getFirst("user"), p.getFirst("outcome")).query(organization, zone, LocalDate.now(zone));
        if (first < 0 || max < 1 || max > AuditSearchService.MAX_PAGE_SIZE) {
            throw new InvalidValueException("max", "first is 0 or more, max is 1 to " + AuditSearchService.MAX_PAGE_SIZE
                    + ".");
        }
        String json = search.bundle(actor, query, first, max, uri.getRequestUri().toString(),
                next -> uri.getRequestUriBuilder().replaceQueryParam("first", next).build().toString());
        return Response.ok(json, FHIR_JSON + "; charset=UTF-8").header("Cache-Control", "no-store").build();
    }

    static UUID organization(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("No organization with id " + id);
        }
    }

    private static ZoneId zone(String zone) {
        if (zone == null || zone.isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(zone.strip());
        } catch (DateTimeException e) {
            throw new InvalidValueException("zone", "Not a known time zone (for example Europe/Berlin or UTC).");
        }
    }
}
