/** The SMS setup API ({@code /api/organizations/{organizationId}/sms}): consents, numbers, their endpoints. */
package org.openvisit.notify.interfaces.rest;
