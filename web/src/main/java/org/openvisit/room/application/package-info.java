/**
 * The live rooms of this node: each visit's {@link org.openvisit.room.domain.model.Room}, its
 * transitions recorded in the visit's event stream, who may act in it ({@link RoomPass}) and how much one
 * browser may cause there ({@link AttendeeLimits}).
 */
package org.openvisit.room.application;
