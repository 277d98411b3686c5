/**
 * The live state of a built-in room: who waits in the lobby, who is admitted, who is in the call.
 * Plain Java, kept in memory on the node that holds the room's sockets; its transitions say which
 * visit events to record.
 */
package org.openvisit.room.domain.model;
