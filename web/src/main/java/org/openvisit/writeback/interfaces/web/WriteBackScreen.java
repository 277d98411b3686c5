package org.openvisit.writeback.interfaces.web;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.openvisit.identity.interfaces.web.CurrentUser;
import org.openvisit.shared.interfaces.web.PortalMessages;
import org.openvisit.tenant.domain.model.Role;
import org.openvisit.writeback.application.QueueItem;
import org.openvisit.writeback.application.WriteBackQueue;
import org.openvisit.writeback.application.WriteBackQueueService;

import java.io.Serializable;
import java.util.UUID;

/**
 * An endpoint's write-back queue: the health badge, how many items wait in each state, the items with
 * their reason, attempts and next try, and (for the organization's administrators) retry and discard
 * of failed items.
 */
@Named
@ViewScoped
public class WriteBackScreen implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int PAGE = 100;

    @EJB
    private WriteBackQueueService service;

    @Inject
    private CurrentUser currentUser;

    @Inject
    private WritebackText text;

    private String endpoint;
    private WriteBackQueue queue;
    /** The calls-at-once field as typed (empty: the installation's limit). */
    private String callLimit;
    /** The delivered events, paged in the database; of one visit when {@link #visit} names one. */
    private DeliveredEvents delivered;
    /** The visit filter of the delivered events as typed (OpenVisit's visit id; empty: every visit). */
    private String visit;

    public void load() {
        try {
            queue = service.queue(currentUser.actor(), UUID.fromString(String.valueOf(endpoint)), null, 0, PAGE);
            if (delivered == null) {
                delivered = new DeliveredEvents(queue.endpointId());
            }
        } catch (IllegalArgumentException notAnId) {
            queue = null;
        } catch (RuntimeException refused) {
            queue = null;
            PortalMessages.refused(refused);
        }
    }

    /** Saves the calls-at-once limit for this EHR (ORG_ADMIN); empty goes back to the installation's. */
    public void saveCallLimit() {
        String typed = callLimit == null ? "" : callLimit.strip();
        Integer limit;
        try {
            limit = typed.isEmpty() ? null : Integer.valueOf(typed);
        } catch (NumberFormatException e) {
            PortalMessages.error(text.get("callLimit.invalid"));
            return;
        }
        act(() -> service.limitCalls(currentUser.actor(), queue.endpointId(), limit), limit == null
                ? text.get("callLimit.installation")
                : text.format("callLimit.saved", limit));
        callLimit = queue == null || queue.callLimit() == null ? "" : queue.callLimit().toString();
    }

    public void retry(QueueItem item) {
        act(() -> service.retry(currentUser.actor(), queue.endpointId(), item.id()),
                text.format("item.retried", item.sequence()));
    }

    public void discard(QueueItem item) {
        act(() -> service.discard(currentUser.actor(), queue.endpointId(), item.id()),
                text.format("item.discarded", item.sequence()));
    }

    private void act(Runnable action, String done) {
        try {
            action.run();
            PortalMessages.info(done);
        } catch (RuntimeException refused) {
            PortalMessages.refused(refused);
        }
        load();
    }

    /** Shows the delivered events of the visit typed in the filter (or of every visit when it is empty). */
    public void filterVisit() {
        String typed = visit == null ? "" : visit.strip();
        if (typed.isEmpty()) {
            delivered.visit = null;
            return;
        }
        try {
            delivered.visit = UUID.fromString(typed);
        } catch (IllegalArgumentException notAnId) {
            PortalMessages.error(text.get("delivered.visitInvalid"));
        }
    }

    public DeliveredEvents getDelivered() {
        return delivered;
    }

    public String getVisit() {
        return visit;
    }

    public void setVisit(String visit) {
        this.visit = visit;
    }

    /** Retry and discard are for the endpoint organization's administrators. */
    public boolean isMayAct() {
        return queue != null && currentUser.actor().hasRole(Role.ORG_ADMIN);
    }

    public String getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(String endpoint) {
        this.endpoint = endpoint;
    }

    public String getCallLimit() {
        if (callLimit == null && queue != null) {
            callLimit = queue.callLimit() == null ? "" : queue.callLimit().toString();
        }
        return callLimit;
    }

    public void setCallLimit(String callLimit) {
        this.callLimit = callLimit;
    }

    public WriteBackQueue getQueue() {
        return queue;
    }

    /** An endpoint's delivered events, a page at a time from the database (latest first). */
    public static final class DeliveredEvents extends org.primefaces.model.LazyDataModel<QueueItem> {

        private static final long serialVersionUID = 1L;
        private final UUID endpointId;
        private UUID visit;
        /** Not serialized with the session: looked up again on the node that reads it back. */
        private transient WriteBackQueueService service;

        DeliveredEvents(UUID endpointId) {
            this.endpointId = endpointId;
        }

        private WriteBackQueueService service() {
            if (service == null) {
                service = jakarta.enterprise.inject.spi.CDI.current().select(WriteBackQueueService.class).get();
            }
            return service;
        }

        private org.openvisit.tenant.domain.model.Actor actor() {
            return jakarta.enterprise.inject.spi.CDI.current().select(CurrentUser.class).get().actor();
        }

        @Override
        public int count(java.util.Map<String, org.primefaces.model.FilterMeta> filterBy) {
            return (int) Math.min(Integer.MAX_VALUE, service().delivered(actor(), endpointId, visit, 0, 1).total());
        }

        @Override
        public java.util.List<QueueItem> load(int first, int pageSize, java.util.Map<String, org.primefaces.model.SortMeta> sortBy,
                                              java.util.Map<String, org.primefaces.model.FilterMeta> filterBy) {
            var page = service().delivered(actor(), endpointId, visit, first, Math.min(pageSize, 500));
            setRowCount((int) Math.min(Integer.MAX_VALUE, page.total()));
            return page.items();
        }

        @Override
        public String getRowKey(QueueItem item) {
            return item.id().toString();
        }
    }
}
