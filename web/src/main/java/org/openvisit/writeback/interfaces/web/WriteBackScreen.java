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

    private String endpoint;
    private WriteBackQueue queue;

    public void load() {
        try {
            queue = service.queue(currentUser.actor(), UUID.fromString(String.valueOf(endpoint)), null, 0, PAGE);
        } catch (IllegalArgumentException notAnId) {
            queue = null;
        } catch (RuntimeException refused) {
            queue = null;
            PortalMessages.refused(refused);
        }
    }

    public void retry(QueueItem item) {
        act(() -> service.retry(currentUser.actor(), queue.endpointId(), item.id()),
                "Event " + item.sequence() + " of the visit will be written again now.");
    }

    public void discard(QueueItem item) {
        act(() -> service.discard(currentUser.actor(), queue.endpointId(), item.id()),
                "Event " + item.sequence() + " of the visit was discarded: it will not be written to the EHR.");
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

    public WriteBackQueue getQueue() {
        return queue;
    }
}
