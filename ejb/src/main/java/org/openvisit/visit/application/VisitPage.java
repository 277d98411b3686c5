package org.openvisit.visit.application;

import java.util.List;

/**
 * What a visit page shows, read in one transaction: the visit with its participants, the organization's
 * name (what patients see), the language of its patient-facing pages when the patient's browser asks for none
 * OpenVisit speaks, and for the clinician's page the visit's events so far (empty otherwise).
 */
public record VisitPage(VisitView visit, String organizationName, List<VisitEventRecorded> events,
                        org.openvisit.shared.domain.model.Language patientLanguage) {

    public VisitPage {
        events = List.copyOf(events);
    }
}
