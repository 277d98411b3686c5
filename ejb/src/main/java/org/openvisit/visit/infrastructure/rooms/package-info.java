/** OpenVisit's built-in rooms as a meeting platform: meetings on OpenVisit's own visit pages. */
package org.openvisit.visit.infrastructure.rooms;
