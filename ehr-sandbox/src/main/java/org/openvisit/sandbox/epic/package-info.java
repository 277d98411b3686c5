/**
 * A stub of an Epic-style "set connection status" telehealth call, so that OpenVisit's second write-back
 * adapter is tested against something real over HTTP: bearer token required, idempotent on the
 * caller's event id, every distinct call kept for the admin API.
 */
package org.openvisit.sandbox.epic;
