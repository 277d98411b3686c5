package org.openvisit.report.interfaces.web;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openvisit.identity.interfaces.web.CurrentUser;
import org.openvisit.report.application.ReportService;
import org.openvisit.report.application.VisitTimeline;
import org.openvisit.shared.domain.model.ForbiddenException;
import org.openvisit.shared.interfaces.web.BrowserLanguage;
import org.openvisit.shared.interfaces.web.Formats;
import org.openvisit.shared.interfaces.web.OrganizationContext;
import org.openvisit.tenant.domain.model.Actor;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Optional;
import java.util.UUID;

/**
 * A visit's timeline from the reports page ({@code report-visit.xhtml?visit=<id>}, operators add {@code &org=<id>}):
 * its figures, events in order, call quality and write-back deliveries. A visit the viewer's organization does not
 * have (unknown, another organization's, a malformed id) is the not-found page. The page only reads: request scope.
 */
@Named
@RequestScoped
public class ReportVisitScreen {

    @EJB
    private ReportService reports;

    @Inject
    private CurrentUser currentUser;

    @Inject
    private HttpServletRequest request;

    private String visit;
    private String org;
    private VisitTimeline timeline;

    /** Called from f:viewAction: reads the visit or answers 404. */
    public void load() throws IOException {
        Actor actor = currentUser.actor();
        Optional<UUID> organization = OrganizationContext.of(actor, org);
        Optional<UUID> visitId = id(visit);
        if (organization.isPresent() && visitId.isPresent()) {
            try {
                timeline = reports.timeline(actor, organization.get(), visitId.get()).orElse(null);
            } catch (ForbiddenException notTheirs) {
                timeline = null;
            }
        }
        if (timeline == null) {
            FacesContext faces = FacesContext.getCurrentInstance();
            ExternalContext external = faces.getExternalContext();
            external.responseSendError(HttpServletResponse.SC_NOT_FOUND, "No such visit.");
            faces.responseComplete();
        }
    }

    private static Optional<UUID> id(String text) {
        try {
            return text == null || text.isBlank() ? Optional.empty() : Optional.of(UUID.fromString(text.strip()));
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
    }

    /** An event's moment to the second, in the viewer's language and zone. */
    public String time(Instant at) {
        if (at == null) {
            return "";
        }
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.MEDIUM)
                .withLocale(BrowserLanguage.of(request)).withZone(Formats.zone(request)).format(at);
    }

    /** A measured value with at most one decimal, or a dash when never measured. */
    public String figure(Double value) {
        return value == null ? "–" : "%.1f".formatted(value);
    }

    /** The reports page this visit was opened from (operators: with the organization). */
    public String getBackUrl() {
        return request.getContextPath() + "/reports.xhtml"
                + (org == null || org.isBlank() || timeline == null ? "" : "?org=" + id(org).map(UUID::toString).orElse(""));
    }

    public String getZoneName() {
        return Formats.zone(request).getId();
    }

    public VisitTimeline getTimeline() {
        return timeline;
    }

    public String getVisit() {
        return visit;
    }

    public void setVisit(String visit) {
        this.visit = visit;
    }

    public String getOrg() {
        return org;
    }

    public void setOrg(String org) {
        this.org = org;
    }
}
