package org.openvisit.report.interfaces.web;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openvisit.identity.application.AccountService;
import org.openvisit.identity.application.SignedInUser;
import org.openvisit.region.application.RegionUnavailableException;
import org.openvisit.report.application.ReportQuery;
import org.openvisit.report.application.ReportColumnService;
import org.openvisit.report.application.ReportService;
import org.openvisit.shared.domain.model.ForbiddenException;
import org.openvisit.shared.domain.model.InvalidValueException;
import org.openvisit.shared.interfaces.web.Formats;
import org.openvisit.shared.interfaces.web.OrganizationContext;
import org.openvisit.tenant.domain.model.Actor;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The filtered visits table as a file: {@code /portal/reports/export?format=csv|xlsx} with the page's choices
 * ({@link ReportParameters}), without the columns the viewer hid in the table ({@link ReportColumn#exported}).
 * Streamed: the rows come from the database a chunk at a time and go out as they come, the next chunk read while the
 * last one is written.
 */
@WebServlet(ReportExportServlet.PATH)
public class ReportExportServlet extends HttpServlet {

    static final String PATH = "/portal/reports/export";
    private static final Logger LOG = Logger.getLogger(ReportExportServlet.class.getName());

    @EJB
    private AccountService accounts;

    @EJB
    private ReportService reports;

    @EJB
    private ReportColumnService columns;

    /** Reads an export's next chunk while the last one is written ({@link PrefetchingRowSource}). */
    @Resource
    private ManagedExecutorService executor;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        SignedInUser user = request.getUserPrincipal() == null ? null
                : accounts.current(request.getUserPrincipal().getName()).orElse(null);
        if (user == null) {
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED, "Sign in first.");
            return;
        }
        String format = request.getParameter("format");
        if (!"csv".equals(format) && !"xlsx".equals(format)) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "Choose the format csv or xlsx.");
            return;
        }
        Actor actor = user.actor();
        ZoneId zone = Formats.zone(request);
        ReportParameters parameters = ReportParameters.from(request::getParameter);
        ReportQuery query;
        try {
            UUID organization = OrganizationContext.of(actor, parameters.org()).orElse(null);
            query = parameters.query(organization, zone, LocalDate.now(zone));
            reports.startExport(actor, query, format.toUpperCase(java.util.Locale.ROOT)); // refused before a byte; audited
        } catch (InvalidValueException e) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
            return;
        } catch (ForbiddenException e) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, e.getMessage());
            return;
        }
        String name = "openvisit-visits-" + query.from().format(DateTimeFormatter.ISO_LOCAL_DATE) + "-to-"
                + query.to().format(DateTimeFormatter.ISO_LOCAL_DATE) + "." + format;
        response.setHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
        response.setHeader("Cache-Control", "no-store");
        ReportText.Texts texts = ReportText.of(request);
        RowSource rows = (afterAt, afterId) -> reports.exportChunk(actor, query, afterAt, afterId);
        java.util.List<ReportColumn> chosen = ReportColumn.exported(columns.choices(actor));
        try (PrefetchingRowSource ahead = new PrefetchingRowSource(rows, executor)) {
            if ("csv".equals(format)) {
                response.setContentType("text/csv; charset=UTF-8");
                Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
                out.write('\uFEFF'); // so that Excel reads the file as UTF-8
                CsvReportExport.write(out, ahead, texts, zone, chosen);
                out.flush();
            } else {
                response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
                XlsxReportExport.write(response.getOutputStream(), ahead, texts, zone, chosen);
            }
        } catch (RegionUnavailableException e) {
            LOG.warning(() -> "A report export stopped: the organization's regional store cannot be reached.");
            if (!response.isCommitted()) {
                response.reset();
                response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                        "The organization's data cannot be reached now. Try again in a minute.");
            }
        }
    }
}
