package org.openvisit.report.application;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import org.openvisit.region.application.RegionDirectory;
import org.openvisit.region.domain.model.RegionalStore;
import org.openvisit.report.domain.model.ReportFilter;
import org.openvisit.report.domain.model.TimeBucketCount;
import org.openvisit.report.domain.model.ZoneBuckets;
import org.openvisit.report.domain.model.ReportSort;
import org.openvisit.report.domain.model.VisitSummary;
import org.openvisit.report.domain.model.VisitSummaryRepository;
import org.openvisit.shared.domain.model.ForbiddenException;
import org.openvisit.shared.domain.model.InvalidValueException;
import org.openvisit.tenant.domain.model.Actor;
import org.openvisit.tenant.domain.model.FhirEndpoint;
import org.openvisit.tenant.domain.model.FhirEndpointRepository;
import org.openvisit.tenant.domain.model.Role;
import org.openvisit.visit.domain.model.VisitEvent;
import org.openvisit.writeback.domain.model.DeliveryTask;

import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The reports of one organization at a time, read from its regional store's visit summaries (never raw events):
 * summary figures, a page of the visits table sorted and cut in the database, and export chunks. Organization
 * administrators and report readers see their own organization; operators any one they name.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // reads only, one store at a time
public class ReportService {

    public static final int MAX_PAGE_SIZE = 200;
    public static final int EXPORT_CHUNK = 1000;

    @EJB
    private RegionDirectory regions;

    @Inject
    private FhirEndpointRepository endpoints;

    @EJB
    private org.openvisit.audit.application.AuditTrail trail;

    /**
     * An export of the visits table is about to be written: refused here (before a byte is written) when the actor may
     * not read it, and recorded in the organization's audit trail.
     *
     * @return the organization exported
     */
    public UUID startExport(@NotNull Actor actor, @NotNull ReportQuery query, @NotNull String format) {
        UUID organization = organization(actor, query);
        trail.record(org.openvisit.audit.domain.model.AuditFact.of(org.openvisit.audit.domain.model.AuditKind.EXPORT,
                        org.openvisit.audit.domain.model.AuditActor.portalUser(actor.username()))
                .withOrganization(organization)
                .withDetail("visits report, " + format + ", " + query.from() + " to " + query.to()));
        return organization;
    }

    /**
     * @throws ForbiddenException    the actor may not read this organization's reports
     * @throws InvalidValueException an operator named no organization
     */
    public ReportSummary summary(@NotNull Actor actor, @NotNull ReportQuery query) {
        UUID organization = organization(actor, query);
        return new ReportSummary(organization, store(organization).totals(query.filter(organization)));
    }

    /**
     * The chart figures, grouped in the database (one query by status and time bucket, one by lobby-wait bucket, one
     * of call quality by time bucket), then
     * laid out in days and hours of the query's time zone.
     */
    public ReportCharts charts(@NotNull Actor actor, @NotNull ReportQuery query) {
        UUID organization = organization(actor, query);
        ReportFilter filter = query.filter(organization);
        VisitSummaryRepository summaries = store(organization);
        int width = ZoneBuckets.width(query.zone(), filter.from(), filter.to());
        List<TimeBucketCount> counts = summaries.countsByTime(filter, width);
        List<ReportCharts.Day> days = ZoneBuckets.days(counts, query.zone(), query.from(), query.to()).entrySet()
                .stream().map(e -> new ReportCharts.Day(e.getKey(), e.getValue())).toList();
        List<Long> hours = Arrays.stream(ZoneBuckets.hours(counts, query.zone())).boxed().toList();
        List<ReportCharts.QualityDay> quality = ZoneBuckets.qualityDays(summaries.qualityByTime(filter, width),
                query.zone(), query.from(), query.to()).entrySet().stream()
                .map(e -> new ReportCharts.QualityDay(e.getKey(), e.getValue())).toList();
        return new ReportCharts(days, summaries.lobbyWaits(filter), hours, quality);
    }

    /** One page of the visits table, sorted in the database (ties: the visit id). */
    public ReportPage page(@NotNull Actor actor, @NotNull ReportQuery query, @NotNull ReportSort sort,
                           boolean ascending, int first, int max) {
        UUID organization = organization(actor, query);
        ReportFilter filter = query.filter(organization);
        VisitSummaryRepository summaries = store(organization);
        List<VisitSummary> rows = summaries.page(filter, sort, ascending, Math.max(0, first),
                Math.max(1, Math.min(max, MAX_PAGE_SIZE)));
        return new ReportPage(rows(rows, organization), summaries.count(filter));
    }

    /**
     * The next chunk of the filtered visits for an export, after the given visit ({@code null}: from the first), in
     * (report time, visit id) order.
     */
    public ExportCursor exportChunk(@NotNull Actor actor, @NotNull ReportQuery query, Instant afterAt, UUID afterId) {
        UUID organization = organization(actor, query);
        List<VisitSummary> chunk = store(organization).after(query.filter(organization), afterAt,
                afterAt == null ? null : afterId, EXPORT_CHUNK);
        if (chunk.size() < EXPORT_CHUNK) {
            return new ExportCursor(rows(chunk, organization), null, null);
        }
        VisitSummary last = chunk.get(chunk.size() - 1);
        return new ExportCursor(rows(chunk, organization), last.reportAt(), last.visitId());
    }

    /** The endpoints an organization's report may filter by: id and label (or address). */
    public Map<UUID, String> endpointsOf(@NotNull Actor actor, @NotNull ReportQuery query) {
        return endpointLabels(organization(actor, query));
    }

    /**
     * One visit of the organization's report with its events, call quality and write-back deliveries; empty when the
     * organization has no such visit (an unknown id, another organization's visit, or one not summarized yet).
     *
     * @throws ForbiddenException the actor may not read this organization's reports
     */
    public Optional<VisitTimeline> timeline(@NotNull Actor actor, UUID organizationId, @NotNull UUID visitId) {
        UUID organization = organization(actor, organizationId);
        RegionalStore store = regions.ofOrganization(organization);
        Optional<VisitSummary> summary = store.visitSummaries().find(visitId)
                .filter(s -> s.organizationId().equals(organization));
        if (summary.isEmpty()) {
            return Optional.empty();
        }
        List<VisitTimeline.Event> events = store.visits().events(visitId).stream()
                .sorted(Comparator.comparingLong(VisitEvent::sequence))
                .map(e -> new VisitTimeline.Event(e.sequence(), e.occurredAt(), e.type(),
                        e.attendeeRole().orElse(null)))
                .toList();
        List<VisitTimeline.Quality> quality = store.callQuality().ofVisit(visitId).stream()
                .map(q -> new VisitTimeline.Quality(q.attendeeRole(), q.samples(), q.relayedSamples(),
                        q.rtt().mean(), q.rtt().max(), q.jitter().mean(), q.jitter().max(), q.loss().mean(),
                        q.loss().max(), q.fps().mean(), q.firstAt(), q.lastAt()))
                .toList();
        List<VisitTimeline.Delivery> deliveries = store.deliveryTasks().ofVisit(visitId).stream()
                .sorted(Comparator.comparingLong(DeliveryTask::sequence))
                .map(t -> new VisitTimeline.Delivery(t.sequence(), t.eventType(), t.status(), t.attempts(),
                        t.deliveredAt().orElse(null)))
                .toList();
        return Optional.of(new VisitTimeline(rows(List.of(summary.get()), organization).get(0), events, quality,
                deliveries));
    }

    /** The organization a report is of for this actor, or why not. */
    public UUID organization(@NotNull Actor actor, @NotNull ReportQuery query) {
        return organization(actor, query.organizationId());
    }

    private UUID organization(Actor actor, UUID requested) {
        if (actor.hasRole(Role.OPERATOR)) {
            if (requested != null) {
                return requested;
            }
            if (actor.organizationId() == null) {
                throw new InvalidValueException("organization", "Choose the organization whose reports to read.")
                        .worded("reports.chooseOrganization");
            }
        }
        UUID own = actor.organizationId();
        boolean reader = own != null && (actor.hasRoleIn(Role.ORG_ADMIN, own)
                || actor.hasRoleIn(Role.REPORT_READER, own) || actor.hasRole(Role.OPERATOR));
        if (!reader || (requested != null && !requested.equals(own))) {
            throw new ForbiddenException("Only the organization's administrators and report readers, and operators,"
                    + " may read its reports.").worded("reports.forbidden");
        }
        return own;
    }

    private VisitSummaryRepository store(UUID organization) {
        return regions.ofOrganization(organization).visitSummaries();
    }

    private List<ReportRow> rows(List<VisitSummary> summaries, UUID organization) {
        Map<UUID, String> labels = endpointLabels(organization);
        return summaries.stream().map(s -> ReportRow.of(s, labels.get(s.endpointId()))).toList();
    }

    private Map<UUID, String> endpointLabels(UUID organization) {
        Map<UUID, String> labels = new HashMap<>();
        for (FhirEndpoint e : endpoints.findByOrganization(organization, 0, 1000)) {
            labels.put(e.id(), e.label().orElse(e.baseUrl().toString()));
        }
        return labels;
    }
}
