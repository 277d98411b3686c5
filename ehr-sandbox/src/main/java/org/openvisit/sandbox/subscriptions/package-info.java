/**
 * FHIR Subscriptions as an EHR offers them in the R4 shape of the Subscriptions Backport IG (STU 1.1): rest-hook
 * Subscriptions to the sandbox's appointment topic, with a handshake, heartbeats and id-only event notifications
 * POSTed over HTTP; a switch makes the sandbox an EHR without Subscriptions, and test hooks drop a notification (a
 * gap) or send a heartbeat now.
 */
package org.openvisit.sandbox.subscriptions;
