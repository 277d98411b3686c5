package org.openvisit.visit.infrastructure.teams;

import com.nimbusds.jose.util.JSONObjectUtils;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import org.openvisit.tenant.application.TeamsCallSubscriptionStore;
import org.openvisit.visit.domain.model.TeamsCallRecord;

import java.text.ParseException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Microsoft Graph's change notifications on the organizations' call records: each notification of the body
 * ({@code {"value": [...]}}) is taken only when its {@code subscriptionId} is an organization's call records
 * subscription and its {@code clientState} is the one that subscription was made with; its resource
 * ({@code communications/callRecords/{id}}) then queues the call record for {@link TeamsCallRecordPoller}. Nothing is
 * read from Graph here: Graph wants an answer within seconds.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class TeamsNotifications {

    /**
     * How many notifications of a body were taken and how many refused (unknown subscription, wrong clientState), and
     * whether the body was Graph's JSON at all.
     */
    public record Taken(int accepted, int refused, boolean readable) {
    }

    private static final Pattern CALL_RECORD = Pattern.compile("/?communications/callRecords/([^/?#]+)",
            Pattern.CASE_INSENSITIVE);
    private static final Logger LOG = Logger.getLogger(TeamsNotifications.class.getName());

    @EJB
    private TeamsCallSubscriptionStore subscriptions;

    @EJB
    private TeamsCallRecordWork work;

    private final Clock clock = Clock.systemUTC();

    /** Takes a notification body; a body that is not Graph's JSON counts as one refused notification. */
    public Taken take(String body) {
        Map<String, Object> json;
        try {
            json = JSONObjectUtils.parse(body == null ? "" : body);
        } catch (ParseException e) {
            return new Taken(0, 0, false);
        }
        int accepted = 0;
        int refused = 0;
        Object value = json.get("value");
        if (!(value instanceof java.util.List<?> list)) {
            return new Taken(0, 0, false);
        }
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> n)) {
                refused++;
                continue;
            }
            Optional<UUID> organization = subscriptions.organizationOf(text(n.get("subscriptionId")),
                    text(n.get("clientState")));
            if (organization.isEmpty()) {
                refused++;
                continue;
            }
            String id = callRecordId(text(n.get("resource")));
            if (id != null && TeamsCallRecord.usableId(id)) {
                try {
                    work.queue(organization.get(), id, clock.instant());
                } catch (RuntimeException alreadyQueuedByAnotherNode) {
                    // Graph sent it twice at once: the other node's row reads it
                }
            }
            accepted++;
        }
        if (refused > 0) {
            int count = refused;
            // no subscription id, clientState or resource in the log: only that it happened
            LOG.warning(() -> count + " Microsoft Graph notification(s) with an unknown subscription or another "
                    + "clientState were ignored.");
        }
        return new Taken(accepted, refused, true);
    }

    static String callRecordId(String resource) {
        if (resource == null) {
            return null;
        }
        Matcher m = CALL_RECORD.matcher(resource.strip());
        return m.matches() ? m.group(1) : null;
    }

    private static String text(Object value) {
        return value instanceof String s ? s : null;
    }
}
