package org.openvisit.notify.application;

import org.openvisit.notify.domain.model.SendingNumber;

/**
 * The port every SMS carrier implements: the built-in one and the Twilio-compatible one, chosen by
 * {@code openvisit.sms.carrier}.
 * <p>
 * Provisioning is asynchronous on every carrier: {@link #startProvisioning} hands a request over and answers at once
 * with the carrier's job reference; {@link #checkProvisioning} is then asked again and again (by the durable
 * provisioning job, from the database, on any node, also after a restart) until the job is done or failed. A carrier
 * must therefore be able to answer for a job reference alone, from its own records, never from memory of this node.
 * <p>
 * {@link #send} hands one message over; it is called inside the regional transaction that marks the scheduled send
 * as sent, so a carrier that records locally (the built-in one) records exactly once. Inbound messages
 * (STOP/START/HELP) reach {@link SmsInboundService} from the carrier's webhook; delivery statuses reach
 * {@link SmsDeliveryService}. A transient fault is thrown (e.g. {@link SmsCarrierUnavailableException}); a refusal for
 * good is {@link SmsCarrierRefusedException}.
 */
public interface SmsCarrier {

    /** The carrier's name as configured ({@code openvisit.sms.carrier}), e.g. {@code builtin}. */
    String name();

    /**
     * Asks the carrier for a number. Throwing is allowed only for a transient fault (it is asked again later); a
     * request the carrier refuses is answered by {@link #checkProvisioning} with {@link ProvisioningProgress.Failed}.
     *
     * @return the carrier's job reference (at most 200 characters, opaque to OpenVisit)
     */
    String startProvisioning(NumberRequest request);

    /** Where the job stands now. */
    ProvisioningProgress checkProvisioning(String job);

    /**
     * Sends one message. Throwing is allowed for a transient fault (the send stays due and is tried again) and, as
     * {@link SmsCarrierRefusedException}, for a refusal for good (the send is skipped with its reason).
     *
     * @return the carrier's message id
     */
    String send(OutgoingSms sms);

    /**
     * How many messages per second one sending number may hand over when {@code openvisit.sms.rate-per-number} is
     * not set: 1, as carriers document for a long code (a 10-digit number).
     */
    default double ratePerNumber() {
        return 1.0;
    }

    /** Gives a number back to the carrier; nothing is sent from it any more. Releasing twice does no harm. */
    void release(SendingNumber number);
}
