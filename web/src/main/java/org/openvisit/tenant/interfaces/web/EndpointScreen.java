package org.openvisit.tenant.interfaces.web;

import jakarta.ejb.EJB;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.openvisit.identity.interfaces.web.CurrentUser;
import org.openvisit.shared.interfaces.web.PortalMessages;
import org.openvisit.shared.interfaces.web.PublicAddress;
import org.openvisit.tenant.application.EndpointChanges;
import org.openvisit.tenant.application.EndpointFraming;
import org.openvisit.tenant.application.EndpointNotFoundException;
import org.openvisit.tenant.application.EndpointService;
import org.openvisit.tenant.application.ContextLinkKeyInfo;
import org.openvisit.tenant.application.ContextLinkKeyService;
import org.openvisit.tenant.application.EndpointView;
import org.openvisit.tenant.application.NewContextLinkKey;
import org.openvisit.tenant.application.IntegrationRecords;
import org.openvisit.tenant.application.IntegrationRecordsService;
import org.openvisit.tenant.domain.model.Actor;
import org.openvisit.tenant.domain.model.EndpointAction;
import org.openvisit.tenant.domain.model.EndpointStatus;
import org.openvisit.tenant.domain.model.FhirEnvironment;
import org.openvisit.tenant.domain.model.InvalidFrameAncestorsException;
import org.openvisit.tenant.domain.model.PortalUsername;
import org.openvisit.tenant.domain.model.Role;
import org.openvisit.tenant.domain.model.SharedEhrNotConfirmedException;

import java.io.Serializable;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * One FHIR endpoint: its values, its approval state with the whole history, and the steps the
 * signed-in user may take next (edit, submit, sign in to the EHR, approve, reject, withdraw).
 */
@Named
@ViewScoped
public class EndpointScreen implements Serializable {

    private static final long serialVersionUID = 1L;
    /** Set by the EHR sign-in flow when it fails; shown once. */
    static final String EHR_SIGN_IN_MESSAGE = "org.openvisit.ehrSignInMessage";

    @EJB
    private EndpointService endpoints;

    @EJB
    private IntegrationRecordsService integrationRecords;

    @EJB
    private ContextLinkKeyService contextLinkKeys;

    @EJB
    private org.openvisit.tenant.application.EndpointConnectionService connections;

    /** The last Test connection's result on this page ({@code null}: not tested). */
    private org.openvisit.ehr.FhirServerCheck connectionCheck;

    private ContextLinkKeyInfo contextLinkKey;
    /** Shown once, right after it was generated; gone with the next page load. */
    private NewContextLinkKey newContextLinkKey;

    @Inject
    private CurrentUser currentUser;

    @Inject
    private PublicAddress publicAddress;

    @Inject
    private TenantText text;

    private IntegrationRecords records;

    private String id;
    private String verified;
    private EndpointView endpoint;
    private String reason;
    private String editBaseUrl;
    private FhirEnvironment editEnvironment;
    private String editLabel;
    private String editApprover;
    private EndpointFraming framing;
    private String frameAncestors;
    /** Shown once an edit to a URL another organization uses was refused for want of the confirmation. */
    private boolean askSharedEhr;
    private boolean editSharedEhr;

    public void load() {
        try {
            endpoint = endpoints.find(currentUser.actor(), UUID.fromString(String.valueOf(id)));
            resetEditForm();
            loadRecords();
            loadFraming();
        } catch (IllegalArgumentException | EndpointNotFoundException notFound) {
            endpoint = null; // the page says so; anything else is an error worth the error page and the log
        }
        if ("true".equals(verified)) {
            PortalMessages.info(text.get("endpointPage.verifiedNow"));
        }
        showEhrSignInFailureOnce();
    }

    private void showEhrSignInFailureOnce() {
        HttpSession session = (HttpSession) FacesContext.getCurrentInstance().getExternalContext().getSession(false);
        if (session != null && session.getAttribute(EHR_SIGN_IN_MESSAGE) instanceof String message) {
            session.removeAttribute(EHR_SIGN_IN_MESSAGE);
            PortalMessages.error(message);
        }
    }

    private void loadRecords() {
        records = null;
        contextLinkKey = null;
        if (endpoint != null && endpoint.status() == EndpointStatus.APPROVED) {
            records = integrationRecords.recordsFor(currentUser.actor(), endpoint.id(), URI.create(publicAddress.base(
                    (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest())));
            contextLinkKey = contextLinkKeys.current(currentUser.actor(), endpoint.id()).orElse(null);
        }
    }

    private void loadFraming() {
        framing = endpoints.framing(currentUser.actor(), endpoint.id());
        frameAncestors = framing.setByAdmin() ? String.join("\n", framing.origins()) : "";
    }

    /** The admin saves the sites that may frame this endpoint's launch and visit pages (blank: the default). */
    public void saveFrameAncestors() {
        int historyBefore = endpoint.history().size();
        try {
            endpoint = endpoints.setFrameAncestors(currentUser.actor(), endpoint.id(), frameAncestors);
        } catch (RuntimeException refused) {
            if (unwrap(refused) instanceof InvalidFrameAncestorsException invalid) {
                PortalMessages.error(text("framing.invalid." + invalid.problem(),
                        invalid.value()));
            } else {
                PortalMessages.refused(refused);
                reload();
            }
            return;
        }
        loadFraming();
        loadRecords();
        if (endpoint.history().size() == historyBefore) {
            PortalMessages.info(text("framing.unchanged"));
        } else if (framing.setByAdmin()) {
            PortalMessages.info(text("framing.saved", String.join(" ", framing.origins())));
        } else {
            PortalMessages.info(text("framing.reset",
                    String.join(" ", framing.defaultOrigins())));
        }
    }

    /** A text of the tenant bundle in the browser's language. */
    private static String text(String key, Object... arguments) {
        return TenantText.of((HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest())
                .format(key, arguments);
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while (current instanceof jakarta.ejb.EJBException && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    public boolean isMaySetFrameAncestors() {
        return isAdmin() && allows(EndpointAction.SET_FRAME_ANCESTORS);
    }

    public EndpointFraming getFraming() {
        return framing;
    }

    public String getFrameAncestors() {
        return frameAncestors;
    }

    public void setFrameAncestors(String frameAncestors) {
        this.frameAncestors = frameAncestors;
    }

    /** Test connection: the EHR's SMART discovery and FHIR metadata, the result in plain words. */
    public void testConnection() {
        try {
            connectionCheck = connections.test(currentUser.actor(), endpoint.id());
            if (connectionCheck.ok()) {
                PortalMessages.info(text.format("connection.ok", connectionCheck.fhirVersion()));
            } else {
                PortalMessages.error(text.get("connection.failed"));
            }
        } catch (RuntimeException refused) {
            connectionCheck = null;
            PortalMessages.refused(refused);
        }
    }

    public org.openvisit.ehr.FhirServerCheck getConnectionCheck() {
        return connectionCheck;
    }

    /** One step of the Test connection in plain words ({@code connection.discovery.NOT_SMART}, with the HTTP status). */
    public String connectionStep(String step, org.openvisit.ehr.FhirServerCheck.Outcome outcome, int status, String version) {
        return text.format("connection." + outcome.name(), text.get("connection.step." + step), String.valueOf(status),
                version == null ? "?" : version);
    }

    public void generateContextLinkKey() {
        try {
            newContextLinkKey = contextLinkKeys.generate(currentUser.actor(), endpoint.id());
            loadRecords();
            PortalMessages.info(text.get("contextLinkKey.generatedNow"));
        } catch (RuntimeException refused) {
            PortalMessages.refused(refused);
        }
    }

    public boolean isMayGenerateContextLinkKey() {
        return isApproved() && isAdmin();
    }

    public ContextLinkKeyInfo getContextLinkKey() {
        return contextLinkKey;
    }

    public NewContextLinkKey getNewContextLinkKey() {
        return newContextLinkKey;
    }

    public IntegrationRecords getRecords() {
        return records;
    }

    public String download(String format) {
        return FacesContext.getCurrentInstance().getExternalContext().getRequestContextPath()
                + IntegrationRecordsDownload.PATH + "?endpoint=" + endpoint.id() + "&format=" + format;
    }

    private void resetEditForm() {
        editBaseUrl = endpoint.baseUrl();
        editEnvironment = endpoint.environment();
        editLabel = endpoint.label();
        editApprover = endpoint.approver();
    }

    private void act(Function<Actor, EndpointView> action, String done) {
        try {
            endpoint = action.apply(currentUser.actor());
            resetEditForm();
            loadRecords();
            loadFraming();
            reason = null;
            PortalMessages.info(done);
        } catch (RuntimeException refused) {
            PortalMessages.refused(refused);
            reload();
        }
    }

    private void reload() {
        try {
            endpoint = endpoints.find(currentUser.actor(), endpoint.id());
        } catch (RuntimeException gone) {
            // keep what is shown; the message above says what happened
        }
    }

    /**
     * Saves the edit form. A new URL that another organization uses is refused until the administrator ticks
     * the shared-EHR confirmation, which appears with the refusal (the same rule as when registering).
     */
    public void save() {
        long expected = endpoint.version();
        boolean confirmed = askSharedEhr && editSharedEhr;
        try {
            endpoint = endpoints.edit(currentUser.actor(), endpoint.id(),
                    new EndpointChanges(editBaseUrl, editEnvironment, editLabel, editApprover), expected, confirmed);
            resetEditForm();
            loadRecords();
            askSharedEhr = false;
            editSharedEhr = false;
            PortalMessages.info(text.get("endpointPage.changesSaved"));
        } catch (RuntimeException refused) {
            if (refused instanceof SharedEhrNotConfirmedException) { // an application exception: never wrapped
                askSharedEhr = true;
                PortalMessages.error(text.get("endpoint.shared.required"));
            } else {
                PortalMessages.refused(refused);
                reload();
            }
        }
    }

    public boolean isAskSharedEhr() {
        return askSharedEhr;
    }

    public boolean isEditSharedEhr() {
        return editSharedEhr;
    }

    public void setEditSharedEhr(boolean editSharedEhr) {
        this.editSharedEhr = editSharedEhr;
    }

    /** For operators: the other organizations with this URL, by name, or the words for none. */
    public String getSharedWith() {
        if (endpoint == null || endpoint.sharedWith() == null) {
            return null;
        }
        return endpoint.sharedWith().isEmpty() ? text.get("endpoint.shared.withNobody")
                : String.join(", ", endpoint.sharedWith().stream().map(o -> o.name()).toList());
    }

    public void submit() {
        act(actor -> endpoints.submitForApproval(actor, endpoint.id()), "Sent to " + endpoint.approver() + " for approval.");
    }

    public void approve() {
        act(actor -> endpoints.approve(actor, endpoint.id()), "Approved. The integration records are below.");
    }

    public void reject() {
        act(actor -> endpoints.reject(actor, endpoint.id(), reason), "Rejected. The administrator sees your reason.");
    }

    public void withdraw() {
        act(actor -> endpoints.withdraw(actor, endpoint.id(), reason), "Withdrawn. It accepts no launches.");
    }

    private boolean allows(EndpointAction action) {
        return endpoint != null && endpoint.allowedActions().contains(action);
    }

    private boolean isAdmin() {
        return endpoint != null && currentUser.actor().hasRoleIn(Role.ORG_ADMIN, endpoint.organizationId());
    }

    private boolean isApprover() {
        return endpoint != null && currentUser.actor().hasRoleIn(Role.EHR_ANALYST, endpoint.organizationId())
                && new PortalUsername(endpoint.approver()).matches(currentUser.actor().username());
    }

    public boolean isMayEdit() {
        return isAdmin() && allows(EndpointAction.EDIT);
    }

    public boolean isMaySubmit() {
        return isAdmin() && allows(EndpointAction.SUBMIT);
    }

    public boolean isMaySignInToEhr() {
        return isApprover() && allows(EndpointAction.RECORD_EHR_VERIFICATION);
    }

    public boolean isMayApprove() {
        return isApprover() && allows(EndpointAction.APPROVE);
    }

    public boolean isMayReject() {
        return isApprover() && allows(EndpointAction.REJECT);
    }

    public boolean isMayWithdraw() {
        return (isAdmin() || currentUser.actor().hasRole(Role.OPERATOR)) && allows(EndpointAction.WITHDRAW);
    }

    public boolean isApproved() {
        return endpoint != null && endpoint.status() == EndpointStatus.APPROVED;
    }

    public String ehrSignInAddress() {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        return external.getRequestContextPath() + "/portal/ehr-sign-in/start?endpoint=" + endpoint.id();
    }

    public List<FhirEnvironment> getEnvironments() {
        return List.of(FhirEnvironment.values());
    }

    public EndpointView getEndpoint() {
        return endpoint;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getVerified() {
        return verified;
    }

    public void setVerified(String verified) {
        this.verified = verified;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public String getEditBaseUrl() {
        return editBaseUrl;
    }

    public void setEditBaseUrl(String editBaseUrl) {
        this.editBaseUrl = editBaseUrl;
    }

    public FhirEnvironment getEditEnvironment() {
        return editEnvironment;
    }

    public void setEditEnvironment(FhirEnvironment editEnvironment) {
        this.editEnvironment = editEnvironment;
    }

    public String getEditLabel() {
        return editLabel;
    }

    public void setEditLabel(String editLabel) {
        this.editLabel = editLabel;
    }

    public String getEditApprover() {
        return editApprover;
    }

    public void setEditApprover(String editApprover) {
        this.editApprover = editApprover;
    }
}
