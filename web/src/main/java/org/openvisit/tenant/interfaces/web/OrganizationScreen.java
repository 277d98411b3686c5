package org.openvisit.tenant.interfaces.web;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.openvisit.identity.interfaces.web.CurrentUser;
import org.openvisit.shared.domain.model.Language;
import org.openvisit.shared.interfaces.web.OrganizationContext;
import org.openvisit.shared.interfaces.web.PortalMessages;
import org.openvisit.tenant.application.OrganizationChange;
import org.openvisit.tenant.application.OrganizationService;
import org.openvisit.tenant.application.OrganizationSummary;
import org.openvisit.tenant.domain.model.Actor;
import org.openvisit.tenant.domain.model.EhrVendor;
import org.openvisit.tenant.domain.model.Role;

import java.io.Serializable;
import java.util.List;
import java.util.UUID;

/**
 * Edit an organization: its name, its EHR and the language of its patient-facing pages and messages (an operator any
 * organization, an administrator their own). The data region is shown, not edited: a region move changes it.
 */
@Named
@ViewScoped
public class OrganizationScreen implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private OrganizationService service;

    @Inject
    private CurrentUser currentUser;

    @Inject
    private TenantText text;

    @Inject
    private org.openvisit.shared.interfaces.web.SharedText shared;

    private String org;
    private OrganizationSummary organization;
    private String name;
    private EhrVendor ehrVendor;
    private Language patientLanguage;

    public void load() {
        Actor actor = currentUser.actor();
        UUID id = OrganizationContext.of(actor, org).orElse(null);
        organization = id == null || !(actor.hasRole(Role.OPERATOR) || actor.hasRoleIn(Role.ORG_ADMIN, id)) ? null
                : service.find(id).orElse(null);
        if (organization != null) {
            name = organization.name();
            ehrVendor = organization.ehrVendor();
            patientLanguage = organization.patientLanguage();
        }
    }

    public void save() {
        try {
            organization = service.edit(currentUser.actor(), organization.id(),
                    new OrganizationChange(name, ehrVendor, patientLanguage));
            name = organization.name();
            PortalMessages.info(text.format("organization.saved", organization.name()));
        } catch (RuntimeException refused) {
            PortalMessages.refused(refused);
        }
    }

    public boolean isOperator() {
        return currentUser.actor().hasRole(Role.OPERATOR);
    }

    public List<EhrVendor> getEhrVendors() {
        return List.of(EhrVendor.values());
    }

    public List<Language> getLanguages() {
        return List.of(Language.values());
    }

    /** A language in its own words ("Русский"), as the switcher names it. */
    public String languageName(Language language) {
        return shared.get("language." + language.tag());
    }

    public OrganizationSummary getOrganization() {
        return organization;
    }

    public String getOrg() {
        return org;
    }

    public void setOrg(String org) {
        this.org = org;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public EhrVendor getEhrVendor() {
        return ehrVendor;
    }

    public void setEhrVendor(EhrVendor ehrVendor) {
        this.ehrVendor = ehrVendor;
    }

    public Language getPatientLanguage() {
        return patientLanguage;
    }

    public void setPatientLanguage(Language patientLanguage) {
        this.patientLanguage = patientLanguage;
    }
}
