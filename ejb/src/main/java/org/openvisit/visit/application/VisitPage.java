package org.openvisit.visit.application;

import java.util.List;

/**
 * What a visit page shows, read in one transaction: the visit with its participants, the organization's
 * name (what patients see), and for the clinician's page the visit's events so far (empty otherwise).
 */
public record VisitPage(VisitView visit, String organizationName, List<VisitEventRecorded> events) {

    public VisitPage {
        events = List.copyOf(events);
    }
}
