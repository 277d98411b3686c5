package org.openvisit.tenant.interfaces.web;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openvisit.identity.application.AccountService;
import org.openvisit.identity.application.SignedInUser;
import org.openvisit.shared.domain.model.ConflictException;
import org.openvisit.shared.interfaces.web.PublicAddress;
import org.openvisit.tenant.application.EndpointNotFoundException;
import org.openvisit.tenant.application.IntegrationRecords;
import org.openvisit.tenant.application.IntegrationRecordsService;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** The integration records as a file: {@code ?endpoint=<id>&format=json|text}, for the signed-in portal user. */
@WebServlet(IntegrationRecordsDownload.PATH)
public class IntegrationRecordsDownload extends HttpServlet {

    static final String PATH = "/portal/integration-records";
    private static final Jsonb JSON = JsonbBuilder.create();

    @EJB
    private AccountService accounts;

    @Inject
    private transient PublicAddress publicAddress;

    @EJB
    private IntegrationRecordsService integrationRecords;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        SignedInUser user = request.getUserPrincipal() == null ? null
                : accounts.current(request.getUserPrincipal().getName()).orElse(null);
        if (user == null) {
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED, "Sign in first.");
            return;
        }
        IntegrationRecords records;
        try {
            records = integrationRecords.recordsFor(user.actor(), UUID.fromString(String.valueOf(
                    request.getParameter("endpoint"))), URI.create(publicAddress.base(request)));
        } catch (IllegalArgumentException | EndpointNotFoundException notFound) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "No such endpoint.");
            return;
        } catch (ConflictException notApproved) {
            response.sendError(HttpServletResponse.SC_CONFLICT, notApproved.getMessage());
            return;
        }
        boolean text = "text".equals(request.getParameter("format"));
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentType(text ? "text/plain" : "application/json");
        response.setHeader("Content-Disposition", "attachment; filename=\"openvisit-integration-"
                + records.endpointId() + (text ? ".txt\"" : ".json\""));
        response.getWriter().write(text ? records.asText() : JSON.toJson(records));
    }
}
