/**
 * SMS notifications (issue 15), use cases: the organization's SMS setup (consents, sending numbers, their endpoints),
 * the appointment feed (HL7v2 SIU, and FHIR polling through the {@link org.openvisit.notify.application.EhrAppointments}
 * port), the durable provisioning, send and FHIR poll jobs, the visit page's link by SMS, delivery statuses, and the
 * {@link org.openvisit.notify.application.SmsCarrier} port carriers implement.
 */
package org.openvisit.notify.application;
