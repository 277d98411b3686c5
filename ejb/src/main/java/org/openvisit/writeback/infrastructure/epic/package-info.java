/**
 * The second write-back adapter: an Epic-style "set connection status" telehealth REST call per visit
 * event, idempotent on OpenVisit's event id, with the same SMART Backend Services token.
 */
package org.openvisit.writeback.infrastructure.epic;
