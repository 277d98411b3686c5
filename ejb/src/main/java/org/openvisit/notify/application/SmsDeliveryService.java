package org.openvisit.notify.application;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import org.openvisit.database.OpenVisitDatabase;
import org.openvisit.tenant.domain.model.DataRegion;

import java.time.Clock;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Delivery statuses an outside carrier reports for its messages (Twilio's status callback): recorded on the outbox
 * row with the carrier's message id, in whichever region holds it. A final status (delivered, undelivered, failed)
 * is not undone by an earlier one that arrives late.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SmsDeliveryService {

    /** The statuses Twilio reports for an outgoing message. */
    public static final Set<String> STATUSES = Set.of("accepted", "scheduled", "queued", "sending", "sent",
            "delivered", "undelivered", "failed", "canceled", "read");
    private static final Pattern MESSAGE_ID = Pattern.compile("[A-Za-z0-9]{10,64}");

    @EJB
    private OpenVisitDatabase database;

    @EJB
    private SmsSendWork work;

    private final Clock clock = Clock.systemUTC();

    /** @return whether a message with this id was found (an unknown id or status changes nothing) */
    public boolean record(String carrierMessageId, String status) {
        if (carrierMessageId == null || !MESSAGE_ID.matcher(carrierMessageId).matches() || status == null) {
            return false;
        }
        String s = status.strip().toLowerCase(Locale.ROOT);
        if (!STATUSES.contains(s)) {
            return false;
        }
        for (DataRegion region : database.readyRegions()) {
            if (work.recordDelivery(region, carrierMessageId, s, clock.instant())) {
                return true;
            }
        }
        return false;
    }
}
