/**
 * The reports API under {@code /api/reports}: summary, a page of visits and the streamed CSV, with the page's filters;
 * read with HTTP Basic or with a reports bearer token (JWT).
 */
package org.openvisit.report.interfaces.rest;
