/**
 * The live rooms of this node: each visit's {@link org.openvisit.room.domain.model.Room}, its
 * transitions recorded in the visit's event stream, and who may act in it ({@link RoomPass}).
 */
package org.openvisit.room.application;
