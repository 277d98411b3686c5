package org.openvisit.tenant.interfaces.web;

import jakarta.enterprise.inject.spi.CDI;
import org.openvisit.tenant.application.TeamsSignInService;
import org.openvisit.tenant.application.TeamsSignInService.LinkView;
import org.openvisit.tenant.domain.model.Actor;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The clinicians' Microsoft links of an organization, paged in the database, newest first. */
final class TeamsLinksPage extends LazyDataModel<LinkView> {

    private static final long serialVersionUID = 1L;
    static final int MAX_PAGE_SIZE = 200;
    /** Not serialized with the session: looked up again on the node that reads it back. */
    private transient TeamsSignInService service;
    private final Actor actor;
    private final UUID organizationId;

    TeamsLinksPage(TeamsSignInService service, Actor actor, UUID organizationId) {
        this.service = service;
        this.actor = actor;
        this.organizationId = organizationId;
    }

    private TeamsSignInService service() {
        if (service == null) {
            service = CDI.current().select(TeamsSignInService.class).get();
        }
        return service;
    }

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
        return (int) Math.min(Integer.MAX_VALUE, service().countLinks(actor, organizationId));
    }

    @Override
    public List<LinkView> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
        setRowCount(count(filterBy));
        return service().links(actor, organizationId, first, Math.min(pageSize, MAX_PAGE_SIZE));
    }

    @Override
    public String getRowKey(LinkView link) {
        return link.id().toString();
    }
}
