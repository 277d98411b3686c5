package org.openvisit.notify.application;

/**
 * The carrier refused a message for good (e.g. an invalid destination or sender), as opposed to a transient fault:
 * trying the same message again would not help. The scheduled send is marked SKIPPED with this reason (no number in
 * it); a send from the visit page says the carrier did not take it.
 */
public class SmsCarrierRefusedException extends RuntimeException {

    public SmsCarrierRefusedException(String message) {
        super(message);
    }
}
