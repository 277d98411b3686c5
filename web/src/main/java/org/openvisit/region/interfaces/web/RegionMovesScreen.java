package org.openvisit.region.interfaces.web;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.openvisit.identity.interfaces.web.CurrentUser;
import org.openvisit.region.application.RegionMoveRefusedException;
import org.openvisit.region.application.RegionMoveService;
import org.openvisit.region.application.RegionMoveView;
import org.openvisit.region.application.RegionUnavailableException;
import org.openvisit.region.domain.model.RegionMoveState;
import org.openvisit.shared.domain.model.ConflictException;
import org.openvisit.shared.interfaces.web.PortalMessages;
import org.openvisit.tenant.application.OrganizationService;
import org.openvisit.tenant.application.OrganizationSummary;
import org.openvisit.tenant.domain.model.DataRegion;
import org.openvisit.tenant.interfaces.web.TenantText;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The operators' screen of region moves: move an organization's data to another region, and each move's progress. */
@Named
@ViewScoped
public class RegionMovesScreen implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private transient RegionMoveService moves;

    @EJB
    private transient OrganizationService organizations;

    @Inject
    private CurrentUser currentUser;

    @Inject
    private TenantText text;

    private String organizationId;
    private DataRegion toRegion;
    private List<OrganizationSummary> organizationList = List.of();
    private List<RegionMoveView> recent = List.of();
    private final Map<UUID, String> names = new HashMap<>();

    @PostConstruct
    void init() {
        organizationList = organizations.list(0, OrganizationService.MAX_PAGE_SIZE).items();
        organizationList.forEach(o -> names.put(o.id(), o.name()));
        refresh();
    }

    public void refresh() {
        recent = moves.recent(currentUser.actor());
    }

    public void start() {
        if (organizationId == null || organizationId.isBlank() || toRegion == null) {
            PortalMessages.error(text.get("moves.choose"));
            return;
        }
        try {
            RegionMoveView move = moves.start(currentUser.actor(), UUID.fromString(organizationId), toRegion);
            PortalMessages.info(text.format("moves.started", name(move), region(move.to())));
        } catch (EJBException | RegionMoveRefusedException | RegionUnavailableException e) {
            Throwable cause = e instanceof EJBException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof RegionMoveRefusedException refused) {
                PortalMessages.error(switch (refused.reason()) {
                    case SAME_REGION -> text.get("moves.refused.sameRegion");
                    case SAME_DATABASE -> text.get("moves.refused.sameDatabase");
                    case LIVE_VISITS -> text.format("moves.refused.liveVisits", refused.liveVisits());
                    case UNDER_WAY -> text.get("moves.refused.underWay");
                });
            } else if (cause instanceof RegionUnavailableException down) {
                PortalMessages.error(text.format("moves.refused.regionDown", region(down.region())));
            } else {
                PortalMessages.refused(e);
            }
        }
        refresh();
    }

    /** Resumes a move whose node is gone: the next node goes on with it within seconds. */
    public void resume(RegionMoveView move) {
        try {
            moves.resume(currentUser.actor(), move.organizationId(), move.id());
            PortalMessages.info(text.format("moves.resumed", name(move)));
        } catch (EJBException | ConflictException e) {
            Throwable cause = e instanceof EJBException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof ConflictException) {
                PortalMessages.error(text.get("moves.resumeFinished"));
            } else {
                PortalMessages.refused(e);
            }
        }
        refresh();
    }

    public String name(RegionMoveView move) {
        return names.getOrDefault(move.organizationId(), move.organizationId().toString());
    }

    public String region(DataRegion region) {
        return text.region(region);
    }

    public String state(RegionMoveState state) {
        return text.get("moves.state." + state.name());
    }

    /** The rows the verification compared (0 before it). */
    public long rowsChecked(RegionMoveView move) {
        return move.tables().stream().mapToLong(RegionMoveView.Table::sourceRows).sum();
    }

    public List<DataRegion> getRegions() {
        return List.of(DataRegion.values());
    }

    public List<OrganizationSummary> getOrganizationList() {
        return organizationList;
    }

    public List<RegionMoveView> getRecent() {
        return recent;
    }

    public String getOrganizationId() {
        return organizationId;
    }

    public void setOrganizationId(String organizationId) {
        this.organizationId = organizationId;
    }

    public DataRegion getToRegion() {
        return toRegion;
    }

    public void setToRegion(DataRegion toRegion) {
        this.toRegion = toRegion;
    }
}
