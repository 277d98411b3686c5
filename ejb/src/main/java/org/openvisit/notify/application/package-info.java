/**
 * SMS notifications (issue 15), use cases: the organization's SMS setup (consents, sending numbers, their endpoints),
 * the durable provisioning job, and the {@link org.openvisit.notify.application.SmsCarrier} port carriers implement.
 */
package org.openvisit.notify.application;
