/**
 * Signalling of the built-in rooms over Jakarta WebSocket ({@code /visit/<id>/signal}): authenticated
 * by the browser's HTTP session, lobby and call messages, WebRTC offers/answers/candidates relayed
 * between people in the call, heartbeat, call-quality reports.
 */
package org.openvisit.room.interfaces.websocket;
