package org.openvisit.tenant.application;

import java.util.List;

/** One page of an organization's FHIR endpoints and how many it has in all. */
public record EndpointPage(List<EndpointSummary> items, long total, int first, int max) {

    public EndpointPage {
        items = List.copyOf(items);
    }

    static EndpointPage empty(int first, int max) {
        return new EndpointPage(List.of(), 0, first, max);
    }
}
