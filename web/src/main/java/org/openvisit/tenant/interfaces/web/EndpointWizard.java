package org.openvisit.tenant.interfaces.web;

import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.openvisit.identity.application.AccountService;
import org.openvisit.identity.application.AccountSummary;
import org.openvisit.identity.interfaces.web.CurrentUser;
import org.openvisit.tenant.domain.model.Role;
import org.openvisit.shared.interfaces.web.OrganizationContext;
import org.openvisit.shared.interfaces.web.PortalMessages;
import org.openvisit.tenant.application.EndpointService;
import org.openvisit.tenant.application.EndpointView;
import org.openvisit.tenant.application.NewEndpoint;
import org.openvisit.tenant.domain.model.FhirEnvironment;
import org.openvisit.tenant.domain.model.SharedEhrNotConfirmedException;
import org.primefaces.event.FlowEvent;

import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import java.util.UUID;

/**
 * The guided form that adds a FHIR endpoint: address and environment, department, approver,
 * then a review. The model checks everything again when it is saved.
 */
@Named
@ViewScoped
public class EndpointWizard implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private EndpointService endpoints;

    @EJB
    private AccountService accounts;

    @Inject
    private CurrentUser currentUser;

    @Inject
    private TenantText text;

    private List<AccountSummary> analysts = List.of();

    private String org;
    private UUID organizationId;
    private String baseUrl;
    private FhirEnvironment environment = FhirEnvironment.TEST;
    private String label;
    private String approver;
    private boolean submitNow = true;
    /** Another organization of this installation registered the URL entered (nothing else is known of it). */
    private boolean registeredElsewhere;
    private boolean sharedEhr;

    public void load() {
        organizationId = OrganizationContext.of(currentUser.actor(), org).orElse(null);
        if (organizationId != null) {
            try {
                analysts = accounts.listMembers(currentUser.actor(), organizationId, 0, AccountService.MAX_PAGE_SIZE)
                        .items().stream().filter(a -> a.enabled() && a.roles().contains(Role.EHR_ANALYST)).toList();
            } catch (RuntimeException notAllowed) {
                analysts = List.of(); // only administrators add endpoints; the save says so
            }
        }
    }

    /** The organization's EHR analysts, the people who may approve an endpoint. */
    public List<AccountSummary> getAnalysts() {
        return analysts;
    }

    /**
     * Moves between the steps; going forward only when the step's fields passed JSF validation. Leaving the
     * address step asks whether another organization registered that URL, so that the review can ask the
     * administrator to confirm a shared EHR.
     */
    public String onFlowProcess(FlowEvent event) {
        if ("address".equals(event.getOldStep()) && "department".equals(event.getNewStep())) {
            try {
                endpoints.checkBaseUrl(baseUrl); // said on this step, not three steps later at the save
            } catch (RuntimeException notAFhirBaseUrl) {
                PortalMessages.refused(notAFhirBaseUrl);
                return event.getOldStep();
            }
        }
        if ("address".equals(event.getOldStep()) && organizationId != null) {
            try {
                registeredElsewhere = endpoints.registeredByAnotherOrganization(currentUser.actor(), organizationId,
                        baseUrl);
            } catch (RuntimeException notAllowed) {
                registeredElsewhere = false; // only administrators add endpoints; the save says so
            }
        }
        return event.getNewStep();
    }

    public void save() throws IOException {
        try {
            EndpointView created = endpoints.register(currentUser.actor(),
                    new NewEndpoint(organizationId, baseUrl, environment, label, approver), submitNow,
                    registeredElsewhere && sharedEhr);
            var external = FacesContext.getCurrentInstance().getExternalContext();
            external.getFlash().setKeepMessages(true);
            PortalMessages.info(submitNow ? text.format("wizard.savedAndSent", created.approver())
                    : text.get("wizard.savedDraft"));
            external.redirect(external.getRequestContextPath() + "/endpoint.xhtml?id=" + created.id());
        } catch (SharedEhrNotConfirmedException notConfirmed) {
            registeredElsewhere = true; // registered meanwhile: the review now asks for the confirmation
            PortalMessages.error(text.get("endpoint.shared.required"));
        } catch (RuntimeException refused) {
            PortalMessages.refused(refused);
        }
    }

    public boolean isRegisteredElsewhere() {
        return registeredElsewhere;
    }

    public boolean isSharedEhr() {
        return sharedEhr;
    }

    public void setSharedEhr(boolean sharedEhr) {
        this.sharedEhr = sharedEhr;
    }

    public List<FhirEnvironment> getEnvironments() {
        return List.of(FhirEnvironment.values());
    }

    public String getOrg() {
        return org;
    }

    public void setOrg(String org) {
        this.org = org;
    }

    public UUID getOrganizationId() {
        return organizationId;
    }

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public FhirEnvironment getEnvironment() {
        return environment;
    }

    public void setEnvironment(FhirEnvironment environment) {
        this.environment = environment;
    }

    public String getLabel() {
        return label;
    }

    public void setLabel(String label) {
        this.label = label;
    }

    public String getApprover() {
        return approver;
    }

    public void setApprover(String approver) {
        this.approver = approver;
    }

    public boolean isSubmitNow() {
        return submitNow;
    }

    public void setSubmitNow(boolean submitNow) {
        this.submitNow = submitNow;
    }
}
