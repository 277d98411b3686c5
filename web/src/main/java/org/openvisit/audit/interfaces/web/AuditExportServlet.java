package org.openvisit.audit.interfaces.web;

import jakarta.ejb.EJB;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openvisit.audit.application.AuditQuery;
import org.openvisit.audit.application.AuditSearchService;
import org.openvisit.identity.application.AccountService;
import org.openvisit.identity.application.SignedInUser;
import org.openvisit.region.application.RegionUnavailableException;
import org.openvisit.shared.domain.model.ForbiddenException;
import org.openvisit.shared.domain.model.InvalidValueException;
import org.openvisit.shared.interfaces.web.Formats;
import org.openvisit.tenant.domain.model.Actor;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.logging.Logger;

/**
 * The audit search as a file: {@code /portal/audit/export?format=json|csv} with the page's choices
 * ({@link AuditParameters}): a FHIR Bundle (type collection) of AuditEvents, or CSV with words in the reader's
 * language. Streamed a chunk at a time from the database; audited as an export.
 */
@WebServlet(AuditExportServlet.PATH)
public class AuditExportServlet extends HttpServlet {

    static final String PATH = "/portal/audit/export";
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(AuditExportServlet.class.getName());

    @EJB
    private transient AccountService accounts;

    @EJB
    private transient AuditSearchService search;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        SignedInUser user = request.getUserPrincipal() == null ? null
                : accounts.current(request.getUserPrincipal().getName()).orElse(null);
        if (user == null) {
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED, "Sign in first.");
            return;
        }
        String format = request.getParameter("format");
        if (!"csv".equals(format) && !"json".equals(format)) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "Choose the format json or csv.");
            return;
        }
        Actor actor = user.actor();
        ZoneId zone = Formats.zone(request);
        AuditQuery query;
        try {
            AuditParameters parameters = AuditParameters.from(request::getParameter);
            query = parameters.query(parameters.organization(actor), zone, LocalDate.now(zone));
            search.mayRead(actor, query); // refused before a byte is written
        } catch (InvalidValueException e) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
            return;
        } catch (ForbiddenException e) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, e.getMessage());
            return;
        } catch (RegionUnavailableException e) {
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                    "The organization's data cannot be reached now. Try again in a minute.");
            return;
        }
        String name = "openvisit-audit-" + LocalDate.ofInstant(query.from(), zone) + "-to-"
                + LocalDate.ofInstant(query.to().minusSeconds(1), zone) + "." + format;
        response.setHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
        response.setHeader("Cache-Control", "no-store");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        try {
            if ("csv".equals(format)) {
                response.setContentType("text/csv; charset=UTF-8");
                out.write('\uFEFF'); // so that Excel reads the file as UTF-8
                AuditCsv csv = new AuditCsv(out, AuditText.of(request), zone);
                search.export(actor, query, "CSV", csv::write);
            } else {
                response.setContentType("application/fhir+json; charset=UTF-8");
                AuditJson json = new AuditJson(out, search::eventJson);
                search.export(actor, query, "FHIR Bundle (JSON)", json::write);
                json.close();
            }
            out.flush();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (jakarta.ejb.EJBException e) {
            if (e.getCause() instanceof UncheckedIOException gone) {
                throw gone.getCause(); // the reader went away
            }
            throw e;
        } catch (RegionUnavailableException e) {
            LOG.warning(() -> "An audit export stopped: the organization's regional store cannot be reached.");
            if (!response.isCommitted()) {
                response.reset();
                response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                        "The organization's data cannot be reached now. Try again in a minute.");
            }
        }
    }
}
