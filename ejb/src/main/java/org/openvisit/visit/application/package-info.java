/**
 * Visit orchestration: the appointment's one visit (create-or-get, safe under concurrency), its
 * meeting on the meeting platform (a port), the clinicians who launched it.
 */
package org.openvisit.visit.application;
