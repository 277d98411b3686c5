/**
 * The group-visit SFU on Janus's VideoRoom plugin ({@link org.openvisit.room.infrastructure.janus.JanusSfuRooms}),
 * driven through Janus's admin API, and its configuration ({@code openvisit.rooms.sfu.*}).
 */
package org.openvisit.room.infrastructure.janus;
