/**
 * The Twilio-compatible SMS carrier: Twilio's Messaging and IncomingPhoneNumbers REST API over the {@code ehr} layer's
 * outbound HTTP client, and the {@code X-Twilio-Signature} check of its webhooks.
 */
package org.openvisit.notify.infrastructure.twilio;
