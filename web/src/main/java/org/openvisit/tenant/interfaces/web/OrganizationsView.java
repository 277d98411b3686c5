package org.openvisit.tenant.interfaces.web;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.openvisit.shared.interfaces.web.PortalMessages;
import org.openvisit.tenant.application.NewOrganization;
import org.openvisit.tenant.application.OrganizationService;
import org.openvisit.tenant.application.OrganizationSummary;
import org.openvisit.tenant.domain.model.DataRegion;
import org.openvisit.tenant.domain.model.EhrVendor;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/** The organizations screen: register one, and page through all of them. */
@Named
@ViewScoped
public class OrganizationsView implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private OrganizationService service;

    @Inject
    private TenantText text;

    private String name;
    private DataRegion dataRegion;
    private EhrVendor ehrVendor;
    private LazyDataModel<OrganizationSummary> organizations;

    @PostConstruct
    void init() {
        organizations = new OrganizationsPage(service);
    }

    public void register() {
        try {
            OrganizationSummary created = service.register(new NewOrganization(name, dataRegion, ehrVendor));
            PortalMessages.info(text.format("organizations.registeredOne", created.name()));
            name = null;
            dataRegion = null;
            ehrVendor = null;
        } catch (RuntimeException refused) {
            PortalMessages.refused(refused);
        }
    }

    public List<DataRegion> getDataRegions() {
        return List.of(DataRegion.values());
    }

    public List<EhrVendor> getEhrVendors() {
        return List.of(EhrVendor.values());
    }

    public LazyDataModel<OrganizationSummary> getOrganizations() {
        return organizations;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public DataRegion getDataRegion() {
        return dataRegion;
    }

    public void setDataRegion(DataRegion dataRegion) {
        this.dataRegion = dataRegion;
    }

    public EhrVendor getEhrVendor() {
        return ehrVendor;
    }

    public void setEhrVendor(EhrVendor ehrVendor) {
        this.ehrVendor = ehrVendor;
    }

    /** Pages organizations in the database, not in memory. */
    static final class OrganizationsPage extends LazyDataModel<OrganizationSummary> {

        private static final long serialVersionUID = 1L;
        /** Not serialized with the session: looked up again on the node that reads it back. */
        private transient OrganizationService service;

        OrganizationsPage(OrganizationService service) {
            this.service = service;
        }

        private OrganizationService service() {
            if (service == null) {
                service = CDI.current().select(OrganizationService.class).get();
            }
            return service;
        }

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            return (int) Math.min(Integer.MAX_VALUE, service().list(0, 1).total());
        }

        @Override
        public List<OrganizationSummary> load(int first, int pageSize, Map<String, SortMeta> sortBy,
                                              Map<String, FilterMeta> filterBy) {
            var page = service().list(first, Math.min(pageSize, OrganizationService.MAX_PAGE_SIZE));
            setRowCount((int) Math.min(Integer.MAX_VALUE, page.total()));
            return page.items();
        }

        @Override
        public String getRowKey(OrganizationSummary organization) {
            return organization.id().toString();
        }
    }
}
