/**
 * Which SMS carrier is the {@link org.openvisit.notify.application.SmsCarrier}: the built-in one (default) or the
 * Twilio-compatible one, by {@code openvisit.sms.carrier}.
 */
package org.openvisit.notify.infrastructure.carrier;
