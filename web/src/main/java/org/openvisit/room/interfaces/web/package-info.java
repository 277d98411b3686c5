/**
 * The built-in rooms' HTTP side: join links ({@code /join}), what a browser session may do in which
 * visit ({@link RoomAccess}), the device test page and the pages' HTML.
 */
package org.openvisit.room.interfaces.web;
