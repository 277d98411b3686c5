/**
 * The rooms' steps: each visit's {@link org.openvisit.room.domain.model.Room}, kept in {@link LiveRooms} (the data
 * grid) so every node sees the same one, its transitions recorded in the visit's event stream, the messages between
 * its people ({@link VisitChannel}), who may act in it ({@link RoomPass}) and how much one
 * browser may cause there ({@link AttendeeLimits}), when a visit's lobby opens ({@link LobbyOpening}), and the
 * group visits' SFU a call moves to beyond the mesh's size ({@link SfuRooms}, a port).
 */
package org.openvisit.room.application;
