package org.openvisit.tenant.interfaces.web;

import jakarta.ejb.EJB;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.openvisit.identity.interfaces.web.CurrentUser;
import org.openvisit.shared.interfaces.web.OrganizationContext;
import org.openvisit.tenant.application.EndpointService;
import org.openvisit.tenant.application.EndpointSummary;
import org.openvisit.tenant.application.OrganizationService;
import org.openvisit.tenant.domain.model.Actor;
import org.openvisit.tenant.domain.model.Role;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** An organization's FHIR endpoints, paged in the database, with their approval state. */
@Named
@ViewScoped
public class EndpointsScreen implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private EndpointService endpoints;

    @EJB
    private OrganizationService organizations;

    @Inject
    private CurrentUser currentUser;

    private String org;
    private UUID organizationId;
    private String organizationName;
    private boolean mayAdd;
    private LazyDataModel<EndpointSummary> list;

    /** Called from f:viewAction once the view parameters are set. */
    public void load() {
        Actor actor = currentUser.actor();
        organizationId = OrganizationContext.of(actor, org).orElse(null);
        if (organizationId == null) {
            return;
        }
        organizationName = organizations.find(organizationId).map(o -> o.name()).orElse(null);
        mayAdd = actor.hasRoleIn(Role.ORG_ADMIN, organizationId);
        list = new Page(endpoints, actor, organizationId);
    }

    public boolean isOrganizationKnown() {
        return organizationId != null && organizationName != null;
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

    public String getOrganizationName() {
        return organizationName;
    }

    public boolean isMayAdd() {
        return mayAdd;
    }

    public LazyDataModel<EndpointSummary> getList() {
        return list;
    }

    /** For operators: the other organizations with the row's URL (a shared EHR), by name. */
    public String names(EndpointSummary endpoint) {
        return endpoint.sharedWith() == null ? "" : String.join(", ",
                endpoint.sharedWith().stream().map(o -> o.name()).toList());
    }

    static final class Page extends LazyDataModel<EndpointSummary> {

        private static final long serialVersionUID = 1L;
        /** Not serialized with the session: looked up again on the node that reads it back. */
        private transient EndpointService service;
        private final Actor actor;
        private final UUID organizationId;

        Page(EndpointService service, Actor actor, UUID organizationId) {
            this.service = service;
            this.actor = actor;
            this.organizationId = organizationId;
        }

        private EndpointService service() {
            if (service == null) {
                service = CDI.current().select(EndpointService.class).get();
            }
            return service;
        }

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            return (int) Math.min(Integer.MAX_VALUE, service().list(actor, organizationId, 0, 1).total());
        }

        @Override
        public List<EndpointSummary> load(int first, int pageSize, Map<String, SortMeta> sortBy,
                                          Map<String, FilterMeta> filterBy) {
            var page = service().list(actor, organizationId, first, Math.min(pageSize, EndpointService.MAX_PAGE_SIZE));
            setRowCount((int) Math.min(Integer.MAX_VALUE, page.total()));
            return page.items();
        }

        @Override
        public String getRowKey(EndpointSummary endpoint) {
            return endpoint.id().toString();
        }
    }
}
