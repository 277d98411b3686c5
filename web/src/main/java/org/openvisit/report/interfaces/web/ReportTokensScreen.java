package org.openvisit.report.interfaces.web;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import org.openvisit.identity.interfaces.web.CurrentUser;
import org.openvisit.report.application.IssuedReportToken;
import org.openvisit.report.application.ReportTokenService;
import org.openvisit.report.application.ReportTokenView;
import org.openvisit.report.domain.model.ReportToken;
import org.openvisit.shared.interfaces.web.BrowserLanguage;
import org.openvisit.shared.interfaces.web.Formats;
import org.openvisit.shared.interfaces.web.PortalMessages;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The "API tokens" screen ({@code /report-tokens.xhtml}) of an organization's administrators: issue a reports token
 * for a service account (a name and a lifetime; the token is shown this once), list the organization's tokens and
 * revoke them.
 */
@Named
@ViewScoped
public class ReportTokensScreen implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private ReportTokenService tokens;

    @Inject
    private CurrentUser currentUser;

    @Inject
    private HttpServletRequest request;

    private String name;
    private int lifetimeDays = 90;
    private String issuedToken;
    private List<ReportTokenView> list = List.of();

    /** Called from f:viewAction. */
    public void load() {
        try {
            list = tokens.list(currentUser.actor());
        } catch (RuntimeException e) {
            PortalMessages.refused(e);
        }
    }

    public void issue() {
        ReportText.Texts texts = ReportText.of(request);
        issuedToken = null;
        if (name == null || name.isBlank()) {
            PortalMessages.error(texts.get("tokens.nameMissing"));
            return;
        }
        if (name.strip().length() > ReportToken.MAX_NAME) {
            PortalMessages.error(texts.format("tokens.nameTooLong", ReportToken.MAX_NAME));
            return;
        }
        try {
            IssuedReportToken issued = tokens.issue(currentUser.actor(), name, lifetimeDays);
            issuedToken = issued.token();
            name = null;
            PortalMessages.info(texts.get("tokens.issued"));
        } catch (RuntimeException e) {
            PortalMessages.refused(e);
        }
        load();
    }

    public void revoke(UUID id) {
        issuedToken = null;
        try {
            tokens.revoke(currentUser.actor(), id);
            PortalMessages.info(ReportText.of(request).get("tokens.revoked"));
        } catch (RuntimeException e) {
            PortalMessages.refused(e);
        }
        load();
    }

    /** The token's state in words: active, expired or revoked. */
    public String state(ReportTokenView token) {
        ReportText.Texts texts = ReportText.of(request);
        if (token.revoked()) {
            return texts.get("tokens.state.revoked");
        }
        return token.usableAt(Instant.now()) ? texts.get("tokens.state.active") : texts.get("tokens.state.expired");
    }

    public String time(Instant instant) {
        return instant == null ? "" : Formats.instant(instant, BrowserLanguage.of(request), Formats.zone(request));
    }

    /** The reports API's address on this server, for the hint. */
    public String apiUrl() {
        String base = request.getRequestURL().toString();
        return base.substring(0, base.length() - request.getRequestURI().length()) + request.getContextPath()
                + "/api/reports/visits.csv";
    }

    public List<Integer> getLifetimes() {
        return List.of(30, 90, 180, 365);
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public int getLifetimeDays() {
        return lifetimeDays;
    }

    public void setLifetimeDays(int lifetimeDays) {
        this.lifetimeDays = lifetimeDays;
    }

    public String getIssuedToken() {
        return issuedToken;
    }

    public List<ReportTokenView> getList() {
        return list;
    }
}
