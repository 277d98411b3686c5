/**
 * Microsoft Teams as a meeting platform ({@code microsoft-teams}): one online meeting per visit by Graph's
 * createOrGet, its join URL kept as the visit's meeting id, and its attendance reports polled into visit events
 * (connected / disconnected; the visit ended once its meeting is over, started again when the organizer joins later);
 * its call records (announced by a Graph change-notification subscription per organization) read into the visits'
 * call quality; Graph itself is reached through {@code org.openvisit.ehr.graph}.
 */
package org.openvisit.visit.infrastructure.teams;
