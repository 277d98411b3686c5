package org.openvisit.report.interfaces.rest;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameters;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openvisit.shared.interfaces.rest.ApiSecurity;
import org.openvisit.shared.interfaces.rest.ApiTags;
import org.openvisit.identity.interfaces.rest.ApiCaller;
import org.openvisit.report.application.ReportPage;
import org.openvisit.report.application.ReportQuery;
import org.openvisit.report.application.ReportService;
import org.openvisit.report.application.ReportSummary;
import org.openvisit.report.application.VisitTimeline;
import org.openvisit.report.interfaces.web.CsvReportExport;
import org.openvisit.report.interfaces.web.PrefetchingRowSource;
import org.openvisit.report.interfaces.web.ReportText;
import org.openvisit.report.interfaces.web.RowSource;
import org.openvisit.report.interfaces.web.XlsxReportExport;
import org.openvisit.shared.domain.model.InvalidValueException;
import org.openvisit.shared.interfaces.rest.Problem;
import org.openvisit.shared.interfaces.web.LocalizedTexts;
import org.openvisit.shared.interfaces.web.RefusalTexts;
import org.openvisit.tenant.domain.model.Actor;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;

/**
 * The reports of one organization for machines (BI tools, scripts): the same filters, figures and rows as the
 * reports page. Organization administrators and report readers (or a reports token) read their own organization;
 * operators name one with {@code org}.
 */
@RequestScoped
@Path("reports")
@SecurityRequirement(name = ApiSecurity.PORTAL_ACCOUNT)
@SecurityRequirement(name = ApiSecurity.REPORTS_TOKEN)
@Tag(name = ApiTags.REPORTS)
public class ReportsResource {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @EJB
    private ReportService reports;

    /** Reads an export's next chunk while the last one is written ({@link PrefetchingRowSource}). */
    @Resource
    private ManagedExecutorService executor;

    @Inject
    private ApiCaller caller;

    @Context
    private UriInfo uri;

    @Context
    private HttpServletRequest request;

    @GET
    @Path("summary")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The summary figures of the filtered visits (counts, medians and 90th percentiles in"
            + " seconds)")
    @Parameters({
            @Parameter(name = "from", in = ParameterIn.QUERY, description = "First day, ISO date (with to; neither: the"
                    + " last 30 days)", schema = @Schema(type = SchemaType.STRING, format = "date")),
            @Parameter(name = "to", in = ParameterIn.QUERY, description = "Last day, ISO date, included (at most 400"
                    + " days after from)", schema = @Schema(type = SchemaType.STRING, format = "date")),
            @Parameter(name = "zone", in = ParameterIn.QUERY, description = "IANA time zone the days are in (default"
                    + " UTC)", schema = @Schema(type = SchemaType.STRING)),
            @Parameter(name = "org", in = ParameterIn.QUERY, description = "Organization id (operators; others may name"
                    + " only their own)", schema = @Schema(type = SchemaType.STRING, format = "uuid")),
            @Parameter(name = "endpoint", in = ParameterIn.QUERY, description = "Endpoint id",
                    schema = @Schema(type = SchemaType.STRING, format = "uuid")),
            @Parameter(name = "department", in = ParameterIn.QUERY, description = "The EHR's department id",
                    schema = @Schema(type = SchemaType.STRING)),
            @Parameter(name = "clinician", in = ParameterIn.QUERY, description = "A clinician's EHR user id",
                    schema = @Schema(type = SchemaType.STRING)),
            @Parameter(name = "status", in = ParameterIn.QUERY, description = "OPEN, COMPLETED, NO_SHOW,"
                    + " ENDED_WITHOUT_PATIENT or CANCELLED", schema = @Schema(type = SchemaType.STRING)),
            @Parameter(name = "platform", in = ParameterIn.QUERY, description = "Meeting platform (builtin-rooms,"
                    + " microsoft-teams)", schema = @Schema(type = SchemaType.STRING)),
            @Parameter(name = "environment", in = ParameterIn.QUERY, description = "The endpoint's environment: TEST"
                    + " or PRODUCTION", schema = @Schema(type = SchemaType.STRING)),
            @Parameter(name = "quality", in = ParameterIn.QUERY, description = "Call quality: POOR, FINE or NO_DATA",
                    schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "400", description = "A parameter that is not a value it may take (named)")
    @APIResponse(responseCode = "401", description = "No, an expired or a revoked credential")
    @APIResponse(responseCode = "403", description = "Not a reader of this organization's reports")
    public ReportSummary summary() {
        ApiReportParameters p = parameters();
        return reports.summary(caller.actor(), p.query(LocalDate.now(p.zone())));
    }

    @GET
    @Path("visits")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One page of the filtered visits, sorted in the database, and the total",
            description = "first (from 0), max (1 to 200, default 50), sort (REPORT_AT, START, DURATION, LOBBY_WAIT,"
                    + " TIME_TO_ADMIT, ATTENDANTS, STATUS, DEPARTMENT, ENVIRONMENT, PLATFORM, CALL_QUALITY, DEVICE_TEST,"
                    + " WRITE_BACK, SMS_SENT; default REPORT_AT), order (asc or desc,"
                    + " default desc). The appointment appears only as its keyed hash, clinicians as EHR user ids.")
    @Parameters({
            @Parameter(name = "from", in = ParameterIn.QUERY, description = "First day, ISO date (with to; neither: the"
                    + " last 30 days)", schema = @Schema(type = SchemaType.STRING, format = "date")),
            @Parameter(name = "to", in = ParameterIn.QUERY, description = "Last day, ISO date, included (at most 400"
                    + " days after from)", schema = @Schema(type = SchemaType.STRING, format = "date")),
            @Parameter(name = "zone", in = ParameterIn.QUERY, description = "IANA time zone the days are in (default"
                    + " UTC)", schema = @Schema(type = SchemaType.STRING)),
            @Parameter(name = "org", in = ParameterIn.QUERY, description = "Organization id (operators; others may name"
                    + " only their own)", schema = @Schema(type = SchemaType.STRING, format = "uuid")),
            @Parameter(name = "endpoint", in = ParameterIn.QUERY, description = "Endpoint id",
                    schema = @Schema(type = SchemaType.STRING, format = "uuid")),
            @Parameter(name = "department", in = ParameterIn.QUERY, description = "The EHR's department id",
                    schema = @Schema(type = SchemaType.STRING)),
            @Parameter(name = "clinician", in = ParameterIn.QUERY, description = "A clinician's EHR user id",
                    schema = @Schema(type = SchemaType.STRING)),
            @Parameter(name = "status", in = ParameterIn.QUERY, description = "OPEN, COMPLETED, NO_SHOW,"
                    + " ENDED_WITHOUT_PATIENT or CANCELLED", schema = @Schema(type = SchemaType.STRING)),
            @Parameter(name = "platform", in = ParameterIn.QUERY, description = "Meeting platform (builtin-rooms,"
                    + " microsoft-teams)", schema = @Schema(type = SchemaType.STRING)),
            @Parameter(name = "environment", in = ParameterIn.QUERY, description = "The endpoint's environment: TEST"
                    + " or PRODUCTION", schema = @Schema(type = SchemaType.STRING)),
            @Parameter(name = "quality", in = ParameterIn.QUERY, description = "Call quality: POOR, FINE or NO_DATA",
                    schema = @Schema(type = SchemaType.STRING)),
            @Parameter(name = "first", in = ParameterIn.QUERY, schema = @Schema(type = SchemaType.INTEGER)),
            @Parameter(name = "max", in = ParameterIn.QUERY, schema = @Schema(type = SchemaType.INTEGER)),
            @Parameter(name = "sort", in = ParameterIn.QUERY, schema = @Schema(type = SchemaType.STRING)),
            @Parameter(name = "order", in = ParameterIn.QUERY, schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "400", description = "A parameter that is not a value it may take (named)")
    @APIResponse(responseCode = "401", description = "No, an expired or a revoked credential")
    @APIResponse(responseCode = "403", description = "Not a reader of this organization's reports")
    public ReportPage visits() {
        ApiReportParameters p = parameters();
        ReportQuery query = p.query(LocalDate.now(p.zone()));
        return reports.page(caller.actor(), query, p.sort(), p.ascending(), p.first(), p.max());
    }

    @GET
    @Path("visits.csv")
    @Produces("text/csv")
    @Operation(summary = "All filtered visits as CSV, streamed (the portal's export: UTF-8 with a byte-order mark,"
            + " headers in the Accept-Language, times ISO 8601 in the zone, durations in seconds)")
    @Parameters({
            @Parameter(name = "from", in = ParameterIn.QUERY, description = "First day, ISO date (with to; neither: the"
                    + " last 30 days)", schema = @Schema(type = SchemaType.STRING, format = "date")),
            @Parameter(name = "to", in = ParameterIn.QUERY, description = "Last day, ISO date, included (at most 400"
                    + " days after from)", schema = @Schema(type = SchemaType.STRING, format = "date")),
            @Parameter(name = "zone", in = ParameterIn.QUERY, description = "IANA time zone the days are in (default"
                    + " UTC)", schema = @Schema(type = SchemaType.STRING)),
            @Parameter(name = "org", in = ParameterIn.QUERY, description = "Organization id (operators; others may name"
                    + " only their own)", schema = @Schema(type = SchemaType.STRING, format = "uuid")),
            @Parameter(name = "endpoint", in = ParameterIn.QUERY, description = "Endpoint id",
                    schema = @Schema(type = SchemaType.STRING, format = "uuid")),
            @Parameter(name = "department", in = ParameterIn.QUERY, description = "The EHR's department id",
                    schema = @Schema(type = SchemaType.STRING)),
            @Parameter(name = "clinician", in = ParameterIn.QUERY, description = "A clinician's EHR user id",
                    schema = @Schema(type = SchemaType.STRING)),
            @Parameter(name = "status", in = ParameterIn.QUERY, description = "OPEN, COMPLETED, NO_SHOW,"
                    + " ENDED_WITHOUT_PATIENT or CANCELLED", schema = @Schema(type = SchemaType.STRING)),
            @Parameter(name = "platform", in = ParameterIn.QUERY, description = "Meeting platform (builtin-rooms,"
                    + " microsoft-teams)", schema = @Schema(type = SchemaType.STRING)),
            @Parameter(name = "environment", in = ParameterIn.QUERY, description = "The endpoint's environment: TEST"
                    + " or PRODUCTION", schema = @Schema(type = SchemaType.STRING)),
            @Parameter(name = "quality", in = ParameterIn.QUERY, description = "Call quality: POOR, FINE or NO_DATA",
                    schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "200", description = "The CSV file")
    @APIResponse(responseCode = "400", description = "A parameter that is not a value it may take (named)")
    @APIResponse(responseCode = "401", description = "No, an expired or a revoked credential")
    @APIResponse(responseCode = "403", description = "Not a reader of this organization's reports")
    public Response visitsCsv() {
        return export("csv", "text/csv; charset=UTF-8", (output, rows, texts, zone) -> {
            Writer out = new OutputStreamWriter(output, StandardCharsets.UTF_8);
            out.write('\uFEFF'); // so that Excel reads the file as UTF-8
            CsvReportExport.write(out, rows, texts, zone);
            out.flush();
        });
    }

    @GET
    @Path("visits.xlsx")
    @Produces(XLSX)
    @Operation(summary = "All filtered visits as an Excel workbook (.xlsx), streamed (the portal's export: headers in"
            + " the Accept-Language, times as date cells in the zone, durations in seconds)")
    @Parameters({
            @Parameter(name = "from", in = ParameterIn.QUERY, description = "First day, ISO date (with to; neither: the"
                    + " last 30 days)", schema = @Schema(type = SchemaType.STRING, format = "date")),
            @Parameter(name = "to", in = ParameterIn.QUERY, description = "Last day, ISO date, included (at most 400"
                    + " days after from)", schema = @Schema(type = SchemaType.STRING, format = "date")),
            @Parameter(name = "zone", in = ParameterIn.QUERY, description = "IANA time zone the days are in (default"
                    + " UTC)", schema = @Schema(type = SchemaType.STRING)),
            @Parameter(name = "org", in = ParameterIn.QUERY, description = "Organization id (operators; others may name"
                    + " only their own)", schema = @Schema(type = SchemaType.STRING, format = "uuid")),
            @Parameter(name = "endpoint", in = ParameterIn.QUERY, description = "Endpoint id",
                    schema = @Schema(type = SchemaType.STRING, format = "uuid")),
            @Parameter(name = "department", in = ParameterIn.QUERY, description = "The EHR's department id",
                    schema = @Schema(type = SchemaType.STRING)),
            @Parameter(name = "clinician", in = ParameterIn.QUERY, description = "A clinician's EHR user id",
                    schema = @Schema(type = SchemaType.STRING)),
            @Parameter(name = "status", in = ParameterIn.QUERY, description = "OPEN, COMPLETED, NO_SHOW,"
                    + " ENDED_WITHOUT_PATIENT or CANCELLED", schema = @Schema(type = SchemaType.STRING)),
            @Parameter(name = "platform", in = ParameterIn.QUERY, description = "Meeting platform (builtin-rooms,"
                    + " microsoft-teams)", schema = @Schema(type = SchemaType.STRING)),
            @Parameter(name = "environment", in = ParameterIn.QUERY, description = "The endpoint's environment: TEST"
                    + " or PRODUCTION", schema = @Schema(type = SchemaType.STRING)),
            @Parameter(name = "quality", in = ParameterIn.QUERY, description = "Call quality: POOR, FINE or NO_DATA",
                    schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "200", description = "The .xlsx file")
    @APIResponse(responseCode = "400", description = "A parameter that is not a value it may take (named)")
    @APIResponse(responseCode = "401", description = "No, an expired or a revoked credential")
    @APIResponse(responseCode = "403", description = "Not a reader of this organization's reports")
    public Response visitsXlsx() {
        return export("xlsx", XLSX, XlsxReportExport::write);
    }

    /** How one format writes the rows it is handed. */
    private interface ExportWriter {
        void write(java.io.OutputStream output, RowSource rows, ReportText.Texts texts, ZoneId zone)
                throws java.io.IOException;
    }

    /** The filtered visits as a file, refused (and audited) before a byte is written, then streamed. */
    private Response export(String extension, String mediaType, ExportWriter writer) {
        ApiReportParameters p = parameters();
        ZoneId zone = p.zone();
        ReportQuery query = p.query(LocalDate.now(zone));
        Actor actor = caller.actor();
        reports.startExport(actor, query, extension.toUpperCase(java.util.Locale.ROOT) + " (API)");
        ReportText.Texts texts = ReportText.of(request);
        RowSource rows = (afterAt, afterId) -> reports.exportChunk(actor, query, afterAt, afterId);
        StreamingOutput body = output -> {
            try (PrefetchingRowSource ahead = new PrefetchingRowSource(rows, executor)) { // read while writing
                writer.write(output, ahead, texts, zone);
            }
        };
        return Response.ok(body, mediaType)
                .header("Content-Disposition", "attachment; filename=\"openvisit-visits-" + query.from() + "-to-"
                        + query.to() + "." + extension + "\"")
                .header("Cache-Control", "no-store").build();
    }

    @GET
    @Path("visits/{visitId}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One visit's timeline: its row of the table, its events in order, each attendee's call"
            + " quality and its write-back deliveries (attendees by role only; nothing of the patient)")
    @Parameters({
            @Parameter(name = "visitId", in = ParameterIn.PATH, description = "The visit's id (the table's visitId)",
                    schema = @Schema(type = SchemaType.STRING, format = "uuid")),
            @Parameter(name = "org", in = ParameterIn.QUERY, description = "Organization id (operators; others may name"
                    + " only their own)", schema = @Schema(type = SchemaType.STRING, format = "uuid"))})
    @APIResponse(responseCode = "200", description = "The timeline")
    @APIResponse(responseCode = "400", description = "Not a visit id, or not an organization id")
    @APIResponse(responseCode = "401", description = "No, an expired or a revoked credential")
    @APIResponse(responseCode = "403", description = "Not a reader of this organization's reports")
    @APIResponse(responseCode = "404", description = "The organization has no such visit in its reports (also"
            + " another organization's visit: answered alike)")
    public Response timeline(@PathParam("visitId") String visitId) {
        UUID visit;
        try {
            visit = UUID.fromString(visitId.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("visitId", "Not a visit id.");
        }
        Optional<VisitTimeline> timeline = reports.timeline(caller.actor(), parameters().organization(), visit);
        if (timeline.isEmpty()) {
            LocalizedTexts words = RefusalTexts.in(RefusalTexts.ofApiRequest(
                    request.getHeader(HttpHeaders.ACCEPT_LANGUAGE)));
            return Problem.of(Response.Status.NOT_FOUND, words.get("refusal.reports.visitUnknown")).toResponse();
        }
        return Response.ok(timeline.get()).header("Cache-Control", "no-store").build();
    }

    private ApiReportParameters parameters() {
        return new ApiReportParameters(uri.getQueryParameters());
    }
}
