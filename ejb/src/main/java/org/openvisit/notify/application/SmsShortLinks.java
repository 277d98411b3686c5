package org.openvisit.notify.application;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.openvisit.database.OpenVisitDatabase;
import org.openvisit.notify.domain.model.SmsAppointment;
import org.openvisit.region.application.RegionUnavailableException;
import org.openvisit.region.domain.model.RegionalStores;
import org.openvisit.tenant.domain.model.DataRegion;
import org.openvisit.visit.application.JoinLinks;
import org.openvisit.visit.application.JoinRole;
import org.openvisit.visit.domain.model.AppointmentHash;
import org.openvisit.visit.domain.model.Visit;
import org.openvisit.visit.domain.model.VisitStatus;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * OpenVisit's own short links in SMS, {@code /j/<code>}: the code names an appointment of the feed (never a number
 * or a name). When the clinician's launch has opened the appointment's visit (found as every launch finds it: by the
 * keyed hash of the endpoint and {@code Appointment/<id>} or {@code Appointment?identifier=<id>}, both kept with the
 * feed's appointment instead of its id), the link becomes a fresh patient join link of that visit
 * — the patient's usual join flow; before that, the visit is not open yet. A link a clinician sent from the visit
 * page ({@link SmsVisitLinkService}) names its visit and leads to a fresh patient join link until the visit ends.
 * A code found in no ready region while a region's store is not ready (its database was down at the start) may be
 * that region's: {@link RegionUnavailableException}, the region-unavailable page, rather than "no visit".
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SmsShortLinks {

    private static final Pattern CODE = Pattern.compile("[a-z0-9]{6,32}");

    /** Where a short link leads. */
    public enum Outcome { JOIN, NOT_OPEN_YET, UNKNOWN }

    /** The outcome, and the patient join token when it is JOIN. */
    public record Resolution(Outcome outcome, String joinToken) {
    }

    @EJB
    private OpenVisitDatabase database;

    @Inject
    private RegionalStores stores;

    @Inject
    private JoinLinks joinLinks;

    public Resolution resolve(String code) {
        if (code == null || !CODE.matcher(code).matches()) {
            return new Resolution(Outcome.UNKNOWN, null);
        }
        java.util.Set<DataRegion> ready = database.readyRegions();
        for (DataRegion region : ready) {
            Optional<SmsAppointment> appointment = stores.in(region).smsFeed().appointmentByLink(code);
            if (appointment.isEmpty()) {
                // a link a clinician sent from the visit page names the visit itself
                Optional<Visit> sent = stores.in(region).smsFeed().visitOfLink(code)
                        .flatMap(id -> stores.in(region).visits().find(id));
                if (sent.isPresent()) {
                    return sent.get().status() == VisitStatus.ENDED ? new Resolution(Outcome.UNKNOWN, null)
                            : new Resolution(Outcome.JOIN, joinLinks.issue(sent.get().id(), JoinRole.PATIENT));
                }
                continue;
            }
            SmsAppointment a = appointment.get();
            if (!a.status().isOn()) {
                return new Resolution(Outcome.UNKNOWN, null);
            }
            for (AppointmentHash hash : List.of(a.keys().reference(), a.keys().identifier())) {
                Optional<Visit> visit = stores.in(region).visits().findByKey(a.endpointId(), hash);
                if (visit.isPresent()) {
                    return new Resolution(Outcome.JOIN, joinLinks.issue(visit.get().id(), JoinRole.PATIENT));
                }
            }
            return new Resolution(Outcome.NOT_OPEN_YET, null);
        }
        // not in the ready regions: a region whose database was down at the start (not migrated yet) may hold it, so
        // the patient is told to try again (503), as every page of that region says, not that the link opens nothing
        for (DataRegion region : DataRegion.values()) {
            if (!ready.contains(region)) {
                throw new RegionUnavailableException(region);
            }
        }
        return new Resolution(Outcome.UNKNOWN, null);
    }
}
