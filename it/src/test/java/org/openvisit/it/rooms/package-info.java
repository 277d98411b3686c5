/** Tests of the built-in rooms over real HTTP, WebSocket and in two real browsers. */
package org.openvisit.it.rooms;
