package org.openvisit.audit.interfaces.web;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import org.openvisit.audit.application.AuditEntry;
import org.openvisit.audit.application.AuditForwardingSettings;
import org.openvisit.audit.application.AuditPage;
import org.openvisit.audit.application.AuditQuery;
import org.openvisit.audit.application.AuditSearchService;
import org.openvisit.audit.domain.model.AuditKind;
import org.openvisit.audit.domain.model.AuditOutcome;
import org.openvisit.audit.domain.model.AuditSort;
import org.openvisit.identity.interfaces.web.CurrentUser;
import org.openvisit.region.application.RegionUnavailableException;
import org.openvisit.shared.domain.model.ForbiddenException;
import org.openvisit.shared.domain.model.InvalidValueException;
import org.openvisit.shared.interfaces.web.Formats;
import org.openvisit.shared.interfaces.web.PortalMessages;
import org.openvisit.tenant.application.OrganizationService;
import org.openvisit.tenant.application.OrganizationSummary;
import org.openvisit.tenant.domain.model.Actor;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The audit page: an organization's trail for its administrators (operators choose an organization, or the
 * installation's own trail), filtered by days in the viewer's time zone, kind, user and outcome, paged and sorted in
 * the database; export links for the same choices; and where the organization's events are forwarded.
 */
@Named
@ViewScoped
public class AuditScreen implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private AuditSearchService search;

    @EJB
    private AuditForwardingSettings forwarding;

    @EJB
    private OrganizationService organizations;

    @Inject
    private CurrentUser currentUser;

    @Inject
    private HttpServletRequest request;

    private String org;
    private LocalDate from;
    private LocalDate to;
    private String kind;
    private String user;
    private String outcome;
    private String repositoryUrl;

    /** The organization whose forwarding setting {@link #repositoryUrl} holds. */
    private UUID repositoryOf;
    private UUID organizationId;
    private String scopeName;
    private ZoneId zone;
    private List<OrganizationSummary> organizationChoices = List.of();
    private LazyDataModel<AuditEntry> list;

    /** Called from f:viewAction once the view parameters are set. */
    public void load() {
        Actor actor = currentUser.actor();
        zone = Formats.zone(request);
        LocalDate today = LocalDate.now(zone);
        to = to == null ? today : to;
        from = from == null ? to.minusDays(29) : from;
        if (actor.organizationId() == null) {
            organizationChoices = organizations.list(0, OrganizationService.MAX_PAGE_SIZE).items();
        }
        show();
    }

    /** Applies the choices. */
    public void show() {
        Actor actor = currentUser.actor();
        AuditText.Texts texts = AuditText.of(request);
        try {
            AuditParameters parameters = parameters();
            organizationId = parameters.organization(actor);
            AuditQuery query = parameters.query(organizationId, zone, LocalDate.now(zone));
            search.mayRead(actor, query);
            scopeName = organizationId == null ? texts.get("scope.installation")
                    : organizations.find(organizationId).map(OrganizationSummary::name).orElse(null);
            if (scopeName == null) {
                throw new ForbiddenException("No such organization.");
            }
            if (organizationId != null && !organizationId.equals(repositoryOf)) {
                repositoryUrl = forwarding.view(actor, organizationId).orElse("");
                repositoryOf = organizationId;
            }
            list = new Page(search, actor, query);
        } catch (InvalidValueException e) {
            list = null;
            PortalMessages.error(texts.get("filter.invalid"));
        } catch (ForbiddenException e) {
            list = null;
            scopeName = null;
            PortalMessages.error(texts.get("filter.forbidden"));
        } catch (RegionUnavailableException e) {
            list = null;
            PortalMessages.error(texts.get("audit.unavailable"));
        } catch (EJBException e) {
            list = null;
            PortalMessages.refused(e);
        }
    }

    /** Saves where the organization's events are forwarded (blank: nowhere). */
    public void saveRepository() {
        AuditText.Texts texts = AuditText.of(request);
        if (organizationId == null) {
            return;
        }
        try {
            repositoryUrl = forwarding.forwardTo(currentUser.actor(), organizationId, repositoryUrl).orElse("");
            PortalMessages.info(repositoryUrl.isEmpty() ? texts.get("forwarding.off")
                    : texts.format("forwarding.saved", repositoryUrl));
        } catch (InvalidValueException e) {
            PortalMessages.error(texts.format("forwarding.invalid", e.getMessage()));
        } catch (EJBException e) {
            if (e.getCause() instanceof InvalidValueException invalid) {
                PortalMessages.error(texts.format("forwarding.invalid", invalid.getMessage()));
            } else {
                PortalMessages.refused(e);
            }
        } catch (RuntimeException e) {
            PortalMessages.refused(e);
        }
    }

    private AuditParameters parameters() {
        String scope = currentUser.actor().organizationId() != null ? null : org;
        return new AuditParameters(scope, from == null ? null : from.toString(), to == null ? null : to.toString(),
                kind, user, outcome);
    }

    /** The export address for a format ({@code json} or {@code csv}), with the choices on the page. */
    public String exportUrl(String format) {
        return request.getContextPath() + AuditExportServlet.PATH + "?format=" + format + "&"
                + parameters().queryString();
    }

    /** The timeline of a visit (operators: with its organization). */
    public String visitUrl(UUID visit) {
        return request.getContextPath() + "/report-visit.xhtml?visit=" + visit
                + (currentUser.actor().organizationId() == null && organizationId != null ? "&org=" + organizationId : "");
    }

    public String endpointUrl(UUID endpoint) {
        return request.getContextPath() + "/endpoint.xhtml?id=" + endpoint;
    }

    public boolean isForwardingShown() {
        return list != null && organizationId != null;
    }

    public boolean isChoosesScope() {
        return !organizationChoices.isEmpty() || currentUser.isOperator();
    }

    public List<OrganizationSummary> getOrganizationChoices() {
        return organizationChoices;
    }

    public AuditKind[] getKinds() {
        return AuditKind.values();
    }

    public AuditOutcome[] getOutcomes() {
        return AuditOutcome.values();
    }

    public String getZoneName() {
        return zone == null ? "UTC" : zone.getId();
    }

    public String getScopeName() {
        return scopeName;
    }

    public LazyDataModel<AuditEntry> getList() {
        return list;
    }

    public String getOrg() {
        return org;
    }

    public void setOrg(String org) {
        this.org = org;
    }

    public LocalDate getFrom() {
        return from;
    }

    public void setFrom(LocalDate from) {
        this.from = from;
    }

    public LocalDate getTo() {
        return to;
    }

    public void setTo(LocalDate to) {
        this.to = to;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getOutcome() {
        return outcome;
    }

    public void setOutcome(String outcome) {
        this.outcome = outcome;
    }

    public String getRepositoryUrl() {
        return repositoryUrl;
    }

    public void setRepositoryUrl(String repositoryUrl) {
        this.repositoryUrl = repositoryUrl;
    }

    /** The trail, one page at a time from the database. */
    static final class Page extends LazyDataModel<AuditEntry> {

        private static final long serialVersionUID = 1L;
        private static final Map<String, AuditSort> SORTS = Map.of("recordedAt", AuditSort.RECORDED_AT,
                "kind", AuditSort.KIND, "actor", AuditSort.ACTOR, "outcome", AuditSort.OUTCOME);

        /** Not serialized with the session: looked up again on the node that reads it back. */
        private transient AuditSearchService service;
        private final Actor actor;
        private final AuditQuery query;

        Page(AuditSearchService service, Actor actor, AuditQuery query) {
            this.service = service;
            this.actor = actor;
            this.query = query;
        }

        private AuditSearchService service() {
            if (service == null) {
                service = CDI.current().select(AuditSearchService.class).get();
            }
            return service;
        }

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            return (int) Math.min(Integer.MAX_VALUE, service().page(actor, query, AuditSort.RECORDED_AT, false, 0, 1)
                    .total());
        }

        @Override
        public List<AuditEntry> load(int first, int pageSize, Map<String, SortMeta> sortBy,
                                     Map<String, FilterMeta> filterBy) {
            AuditSort sort = AuditSort.RECORDED_AT;
            boolean ascending = false;
            for (SortMeta meta : sortBy.values()) {
                if (meta.getOrder() == SortOrder.UNSORTED) {
                    continue;
                }
                String key = meta.getColumnKey() == null ? "" : meta.getColumnKey();
                AuditSort chosen = SORTS.get(key.substring(key.lastIndexOf(':') + 1));
                if (chosen != null) {
                    sort = chosen;
                    ascending = meta.getOrder() == SortOrder.ASCENDING;
                    break;
                }
            }
            AuditPage page = service().page(actor, query, sort, ascending, first,
                    Math.min(pageSize, AuditSearchService.MAX_PAGE_SIZE));
            setRowCount((int) Math.min(Integer.MAX_VALUE, page.total()));
            return page.entries();
        }

        @Override
        public String getRowKey(AuditEntry row) {
            return row.id().toString();
        }
    }
}
