package org.openvisit.report.interfaces.web;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import org.openvisit.identity.interfaces.web.CurrentUser;
import org.openvisit.region.application.RegionUnavailableException;
import org.openvisit.report.application.ReportCharts;
import org.openvisit.report.application.ReportPage;
import org.openvisit.report.application.ReportQuery;
import org.openvisit.retention.application.RetentionService;
import org.openvisit.retention.application.RetentionView;
import org.openvisit.report.application.ReportRow;
import org.openvisit.report.application.ReportColumnService;
import org.openvisit.report.application.ReportService;
import org.openvisit.report.application.ReportSummary;
import org.openvisit.report.application.VisitSummaryMaintenance;
import org.openvisit.report.domain.model.LobbyWaitBucket;
import org.openvisit.report.domain.model.QualityVerdict;
import org.openvisit.tenant.domain.model.FhirEnvironment;
import org.openvisit.visit.application.MeetingPlatforms;
import org.openvisit.report.domain.model.ReportSort;
import org.openvisit.report.domain.model.ReportStatus;
import org.openvisit.shared.domain.model.ForbiddenException;
import org.openvisit.shared.domain.model.InvalidValueException;
import org.openvisit.shared.interfaces.web.Formats;
import org.openvisit.shared.interfaces.web.OrganizationContext;
import org.openvisit.shared.interfaces.web.PortalMessages;
import org.openvisit.tenant.application.OrganizationService;
import org.openvisit.tenant.domain.model.Actor;
import org.openvisit.tenant.domain.model.Role;
import org.primefaces.event.ToggleEvent;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;
import org.primefaces.model.Visibility;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The reports page: a date range (7, 30, 90 days or custom, in the viewer's time zone), filters, the summary cards,
 * and the visits table paged and sorted in the database, with export links for the same choices.
 */
@Named
@ViewScoped
public class ReportsScreen implements Serializable {

    private static final long serialVersionUID = 1L;
    /** The table's columns by their ids, in their order (the column toggler names them by position). */
    static final List<String> COLUMNS = List.of("visit", "appointment", "reportAt", "start", "end", "duration",
            "clinicians", "department", "endpointColumn", "environment", "attendants", "lobbyWait", "timeToAdmit",
            "status", "platform", "quality", "deviceTest", "writeBack", "smsSent");
    /** Columns hidden until the viewer shows them. */
    static final java.util.Set<String> HIDDEN_BY_DEFAULT = java.util.Set.of("visit", "appointment", "end",
            "environment", "platform", "deviceTest", "smsSent");

    @EJB
    private ReportService reports;

    @EJB
    private VisitSummaryMaintenance maintenance;

    @EJB
    private RetentionService retention;

    @EJB
    private OrganizationService organizations;

    @Inject
    private CurrentUser currentUser;

    @EJB
    private ReportColumnService columns;

    @Inject
    private MeetingPlatforms platforms;

    @Inject
    private HttpServletRequest request;

    @Inject
    private SpreadsheetWarmUp spreadsheetWarmUp;

    private String org;
    private String range = "30";
    private LocalDate from;
    private LocalDate to;
    private String endpoint;
    private String department;
    private String clinician;
    private String status;
    private String platform;
    private String environment;
    private String quality;

    private UUID organizationId;
    private String organizationName;
    private ZoneId zone;
    private ReportQuery query;
    private ReportSummary summary;
    private ReportCharts charts;
    private String perDayChart;
    private String lobbyWaitChart;
    private String hoursChart;
    private String qualityChart;
    private Map<UUID, String> endpoints = Map.of();
    /** The viewer's column choices (their account's, remembered in the global store). */
    private Map<String, Boolean> columnChoices = Map.of();
    private LazyDataModel<ReportRow> list;
    private String retentionNote;
    /** Not kept when the session moves to another node (it holds an Optional): the form's limits fall back there. */
    private transient RetentionView retentionView;
    private String retentionDays;

    /** Called from f:viewAction once the view parameters are set. */
    public void load() {
        Actor actor = currentUser.actor();
        organizationId = OrganizationContext.of(actor, org).orElse(null);
        if (organizationId == null) {
            return;
        }
        organizationName = organizations.find(organizationId).map(o -> o.name()).orElse(null);
        spreadsheetWarmUp.once();
        zone = Formats.zone(request);
        LocalDate today = LocalDate.now(zone);
        to = to == null ? today : to;
        from = from == null ? today.minusDays(29) : from;
        showRetention(retention.view(actor, organizationId));
        columnChoices = columns.choices(actor);
        show();
    }

    private void showRetention(RetentionView view) {
        retentionView = view;
        retentionDays = view.organizationVisitDays() == null ? "" : view.organizationVisitDays().toString();
        retentionNote = retentionNote(view);
    }

    /** How long visits are kept and, when something was deleted, the latest deletion, in the viewer's words. */
    private String retentionNote(RetentionView view) {
        ReportText.Texts texts = ReportText.of(request);
        String kept = view.visitDays() == null ? texts.get("retention.forever")
                : texts.format("retention.kept", view.visitDays());
        return view.latest().map(run -> kept + " " + texts.format("retention.latest",
                Formats.instant(run.ranAt(), texts.locale(), zone), run.visitsDeleted(), run.auditDeleted()))
                .orElse(kept);
    }

    /** Whether the viewer may set how long this organization keeps its visits. */
    public boolean isMayChangeRetention() {
        Actor actor = currentUser.actor();
        return organizationId != null && (actor.hasRole(Role.OPERATOR)
                || actor.hasRoleIn(Role.ORG_ADMIN, organizationId));
    }

    /** Saves the organization's own retention (empty: the installation's). */
    public void saveRetention() {
        ReportText.Texts texts = ReportText.of(request);
        String most = retentionView == null || retentionView.installationVisitDays() == null ? "3650"
                : String.valueOf(retentionView.installationVisitDays() - 1);
        Integer days;
        try {
            days = retentionDays == null || retentionDays.isBlank() ? null : Integer.valueOf(retentionDays.strip());
        } catch (NumberFormatException e) {
            PortalMessages.error(texts.format("retention.own.invalid", most));
            return;
        }
        try {
            showRetention(retention.keepVisitsFor(currentUser.actor(), organizationId, days));
            PortalMessages.info(days == null ? texts.get("retention.own.cleared")
                    : texts.format("retention.own.saved", days));
        } catch (InvalidValueException e) {
            PortalMessages.error(texts.format("retention.own.invalid", most));
        } catch (EJBException e) {
            if (e.getCause() instanceof InvalidValueException) {
                PortalMessages.error(texts.format("retention.own.invalid", most));
            } else {
                PortalMessages.refused(e);
            }
        } catch (RuntimeException e) {
            PortalMessages.refused(e);
        }
    }

    public String getRetentionDays() {
        return retentionDays;
    }

    public void setRetentionDays(String retentionDays) {
        this.retentionDays = retentionDays;
    }

    /** The installation's days, for the form's hint ("" when it keeps visits for ever). */
    public String getInstallationRetentionDays() {
        return retentionView == null || retentionView.installationVisitDays() == null ? ""
                : retentionView.installationVisitDays().toString();
    }

    public String getRetentionNote() {
        return retentionNote;
    }

    /** Applies the range and filters. */
    public void show() {
        Actor actor = currentUser.actor();
        try {
            query = parameters().query(organizationId, zone, LocalDate.now(zone));
            summary = reports.summary(actor, query);
            charts = reports.charts(actor, query);
            ReportText.Texts texts = ReportText.of(request);
            perDayChart = ReportChartConfig.perDay(charts, texts);
            lobbyWaitChart = ReportChartConfig.lobbyWaits(charts, texts);
            hoursChart = ReportChartConfig.hours(charts, texts);
            qualityChart = ReportChartConfig.quality(charts, texts);
            endpoints = reports.endpointsOf(actor, query);
            list = new Page(reports, actor, query);
        } catch (InvalidValueException e) {
            PortalMessages.error(ReportText.of(request).get("filter.invalid"));
        } catch (ForbiddenException e) {
            organizationName = null;
            PortalMessages.error(ReportText.of(request).get("filter.forbidden"));
        } catch (RegionUnavailableException e) {
            PortalMessages.error(ReportText.of(request).get("reports.unavailable"));
        } catch (EJBException e) {
            PortalMessages.refused(e);
        }
    }

    /** For operators: every visit summary of this organization made again from its events. */
    public void rebuild() {
        try {
            long done = maintenance.rebuild(currentUser.actor(), organizationId);
            PortalMessages.info(ReportText.of(request).format("rebuild.done", done));
            show();
        } catch (RuntimeException e) {
            PortalMessages.refused(e);
        }
    }

    private ReportParameters parameters() {
        return new ReportParameters(org, range, from == null ? null : from.toString(),
                to == null ? null : to.toString(), endpoint, department, clinician, status, platform, environment,
                quality);
    }

    /** The export address for a format, with the choices on the page. */
    public String exportUrl(String format) {
        return request.getContextPath() + ReportExportServlet.PATH + "?format=" + format + "&"
                + parameters().queryString();
    }

    /** The timeline page of a visit of the table (operators: with the organization). */
    public String timelineUrl(UUID visit) {
        return request.getContextPath() + "/report-visit.xhtml?visit=" + visit
                + (currentUser.actor().organizationId() == null && organizationId != null ? "&org=" + organizationId : "");
    }

    /** Remembers a column shown or hidden with the column toggler (its position in the table). */
    public void onToggle(ToggleEvent event) {
        Object data = event.getData();
        try {
            int column = data instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(data));
            if (column >= 0 && column < COLUMNS.size()) {
                columnChoices = Map.copyOf(columns.choose(currentUser.actor(), COLUMNS.get(column),
                        event.getVisibility() == Visibility.VISIBLE));
            }
        } catch (NumberFormatException notAColumn) {
            // nothing to remember
        } catch (RuntimeException e) {
            PortalMessages.refused(e);
        }
    }

    /** Whether the table shows the column with this id. */
    public boolean visible(String column) {
        return columnChoices.getOrDefault(column, !HIDDEN_BY_DEFAULT.contains(column));
    }

    /** The call figures of a row in words (mean and worst), for the call-quality column. */
    public String qualityFigures(ReportRow row) {
        var q = row.quality();
        if (q.verdict() == QualityVerdict.NO_DATA) {
            return "";
        }
        return ReportText.of(request).format("table.quality", figure(q.rttMs()), figure(q.rttWorstMs()),
                figure(q.jitterMs()), figure(q.jitterWorstMs()), figure(q.lossPercent()),
                figure(q.lossWorstPercent()), figure(q.fps()), figure(q.fpsWorst()));
    }

    private static String figure(Double value) {
        return value == null ? "–" : String.valueOf(ReportColumn.tenth(value));
    }

    public boolean isOrganizationKnown() {
        return organizationId != null && organizationName != null;
    }

    public boolean isCustom() {
        return "custom".equals(range);
    }

    public ReportStatus[] getStatuses() {
        return ReportStatus.values();
    }

    /** The meeting platforms of this installation, for the filter. */
    public List<String> getPlatforms() {
        return platforms.names();
    }

    public FhirEnvironment[] getEnvironments() {
        return FhirEnvironment.values();
    }

    public QualityVerdict[] getQualities() {
        return QualityVerdict.values();
    }

    public Map<UUID, String> getEndpoints() {
        return endpoints;
    }

    public String getZoneName() {
        return zone == null ? "UTC" : zone.getId();
    }

    public ReportSummary getSummary() {
        return summary;
    }

    /** The chart figures (for the charts' text alternatives), null until a report was shown. */
    public ReportCharts getCharts() {
        return charts;
    }

    public String getPerDayChart() {
        return perDayChart;
    }

    public String getLobbyWaitChart() {
        return lobbyWaitChart;
    }

    public String getHoursChart() {
        return hoursChart;
    }

    public String getQualityChart() {
        return qualityChart;
    }

    /** The lobby-wait buckets in order, for the chart's table. */
    public LobbyWaitBucket[] getWaitBuckets() {
        return LobbyWaitBucket.values();
    }

    /** The hours of day 0 to 23, for the busiest-hours table. */
    public List<Integer> getHourList() {
        return java.util.stream.IntStream.range(0, 24).boxed().toList();
    }

    /** An hour of day as the span of clock times it covers ("09:00–09:59"). */
    public String hourLabel(int hour) {
        return "%02d:00–%02d:59".formatted(hour, hour);
    }

    /** The chart statuses in the order of the visits-per-day chart. */
    public List<ReportStatus> getChartStatuses() {
        return ReportChartConfig.CHART_STATUSES;
    }

    public ReportQuery getQuery() {
        return query;
    }

    public LazyDataModel<ReportRow> getList() {
        return list;
    }

    public String getOrganizationName() {
        return organizationName;
    }

    public UUID getOrganizationId() {
        return organizationId;
    }

    public String getOrg() {
        return org;
    }

    public void setOrg(String org) {
        this.org = org;
    }

    public String getRange() {
        return range;
    }

    public void setRange(String range) {
        this.range = range == null || range.isBlank() ? "30" : range;
    }

    public LocalDate getFrom() {
        return from;
    }

    public void setFrom(LocalDate from) {
        this.from = from;
    }

    public LocalDate getTo() {
        return to;
    }

    public void setTo(LocalDate to) {
        this.to = to;
    }

    public String getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(String endpoint) {
        this.endpoint = endpoint;
    }

    public String getDepartment() {
        return department;
    }

    public void setDepartment(String department) {
        this.department = department;
    }

    public String getClinician() {
        return clinician;
    }

    public void setClinician(String clinician) {
        this.clinician = clinician;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getPlatform() {
        return platform;
    }

    public void setPlatform(String platform) {
        this.platform = platform;
    }

    public String getEnvironment() {
        return environment;
    }

    public void setEnvironment(String environment) {
        this.environment = environment;
    }

    public String getQuality() {
        return quality;
    }

    public void setQuality(String quality) {
        this.quality = quality;
    }

    /** The visits table, one page at a time from the database. */
    static final class Page extends LazyDataModel<ReportRow> {

        private static final long serialVersionUID = 1L;
        private static final Map<String, ReportSort> SORTS = Map.ofEntries(
                Map.entry("reportAt", ReportSort.REPORT_AT),
                Map.entry("start", ReportSort.START),
                Map.entry("duration", ReportSort.DURATION),
                Map.entry("lobbyWait", ReportSort.LOBBY_WAIT),
                Map.entry("timeToAdmit", ReportSort.TIME_TO_ADMIT),
                Map.entry("attendants", ReportSort.ATTENDANTS),
                Map.entry("status", ReportSort.STATUS),
                Map.entry("department", ReportSort.DEPARTMENT),
                Map.entry("environment", ReportSort.ENVIRONMENT),
                Map.entry("platform", ReportSort.PLATFORM),
                Map.entry("quality", ReportSort.CALL_QUALITY),
                Map.entry("deviceTest", ReportSort.DEVICE_TEST),
                Map.entry("writeBack", ReportSort.WRITE_BACK),
                Map.entry("smsSent", ReportSort.SMS_SENT));

        /** Not serialized with the session: looked up again on the node that reads it back. */
        private transient ReportService service;
        private final Actor actor;
        private final ReportQuery query;

        Page(ReportService service, Actor actor, ReportQuery query) {
            this.service = service;
            this.actor = actor;
            this.query = query;
        }

        private ReportService service() {
            if (service == null) {
                service = CDI.current().select(ReportService.class).get();
            }
            return service;
        }

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            return (int) Math.min(Integer.MAX_VALUE, service().page(actor, query, ReportSort.REPORT_AT, false, 0, 1)
                    .total());
        }

        @Override
        public List<ReportRow> load(int first, int pageSize, Map<String, SortMeta> sortBy,
                                    Map<String, FilterMeta> filterBy) {
            ReportSort sort = ReportSort.REPORT_AT;
            boolean ascending = false;
            for (SortMeta meta : sortBy.values()) {
                if (meta.getOrder() == SortOrder.UNSORTED) {
                    continue;
                }
                ReportSort chosen = sortOf(meta);
                if (chosen != null) {
                    sort = chosen;
                    ascending = meta.getOrder() == SortOrder.ASCENDING;
                    break;
                }
            }
            ReportPage page = service().page(actor, query, sort, ascending, first,
                    Math.min(pageSize, ReportService.MAX_PAGE_SIZE));
            setRowCount((int) Math.min(Integer.MAX_VALUE, page.total()));
            return page.rows();
        }

        private static ReportSort sortOf(SortMeta meta) {
            String key = meta.getColumnKey() == null ? "" : meta.getColumnKey();
            String id = key.substring(key.lastIndexOf(':') + 1);
            return SORTS.get(id);
        }

        @Override
        public String getRowKey(ReportRow row) {
            return row.visitId().toString();
        }
    }
}
