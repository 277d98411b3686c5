/**
 * Reports (issue 14): the per-visit summaries kept up to date by the visit's events (and a once-a-minute sweep, and an
 * operator's rebuild), the report service that reads them for the portal, the charts, a visit's timeline, the
 * exports and the API, and the reports bearer tokens (issue, list, revoke, verify) with the installation's signing key.
 */
package org.openvisit.report.application;
