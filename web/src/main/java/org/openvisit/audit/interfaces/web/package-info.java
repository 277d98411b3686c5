/**
 * The audit trail in the portal: the audit page (filters, a table paged and sorted in the database, the forwarding
 * setting), its export as a FHIR Bundle (JSON) or CSV, and the kinds and outcomes as words in four languages.
 */
package org.openvisit.audit.interfaces.web;
