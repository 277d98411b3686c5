/**
 * SMS notifications (issue 15), use cases: the organization's SMS setup (consents, sending numbers, their endpoints),
 * the durable provisioning and send jobs, the visit page's link by SMS, delivery statuses, and the
 * {@link org.openvisit.notify.application.SmsCarrier} port carriers implement.
 */
package org.openvisit.notify.application;
