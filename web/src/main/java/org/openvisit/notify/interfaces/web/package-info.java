/** The portal's SMS page ({@code /sms.xhtml}) and the notify context's texts in four languages. */
package org.openvisit.notify.interfaces.web;
