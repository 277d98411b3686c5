package org.openvisit.audit.infrastructure.fhir;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Bundle;
import org.openvisit.audit.application.AuditEntry;

import java.util.Date;
import java.util.List;

/** A page of audit events as a FHIR searchset Bundle in JSON, with its total and the link to the next page. */
public final class AuditBundles {

    private AuditBundles() {
    }

    /**
     * @param self the request's own address; {@code next}: the next page's, or {@code null} on the last page
     */
    public static String searchset(FhirContext fhir, List<AuditEntry> entries, long total, String observer,
                                   String self, String next) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET).setTotal((int) Math.min(Integer.MAX_VALUE, total));
        bundle.getMeta().setLastUpdated(new Date());
        bundle.addLink().setRelation("self").setUrl(self);
        if (next != null) {
            bundle.addLink().setRelation("next").setUrl(next);
        }
        for (AuditEntry entry : entries) {
            bundle.addEntry().setFullUrl("urn:uuid:" + entry.id())
                    .setResource(BalpAuditEvents.of(entry, observer))
                    .getSearch().setMode(Bundle.SearchEntryMode.MATCH);
        }
        return fhir.newJsonParser().encodeResourceToString(bundle);
    }

    /**
     * One AuditEvent in JSON, for a file that writes a FHIR collection Bundle as it goes (an export of many events
     * is never held in memory as one Bundle).
     */
    public static String event(FhirContext fhir, AuditEntry entry, String observer) {
        return fhir.newJsonParser().encodeResourceToString(BalpAuditEvents.of(entry, observer));
    }
}
