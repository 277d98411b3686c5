/**
 * The reports page (one bean, {@link org.openvisit.report.interfaces.web.ReportsScreen}) with its charts, a visit's
 * timeline ({@link org.openvisit.report.interfaces.web.ReportVisitScreen}), their texts in four languages, the
 * streamed CSV and .xlsx exports of the filtered visits table, and the API tokens screen
 * ({@link org.openvisit.report.interfaces.web.ReportTokensScreen}) of an organization's administrators.
 */
package org.openvisit.report.interfaces.web;
