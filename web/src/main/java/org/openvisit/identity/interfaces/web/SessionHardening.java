package org.openvisit.identity.interfaces.web;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.annotation.WebListener;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The portal's session cookie: HttpOnly, SameSite=Lax (an EHR's redirect back to OpenVisit is a
 * top-level navigation and keeps the session; a cross-site form post does not), Secure unless the
 * installation runs in development mode on plain http, and an idle timeout.
 */
@WebListener
public class SessionHardening implements ServletContextListener {

    @Inject
    @ConfigProperty(name = "openvisit.mode", defaultValue = "production")
    private String mode;

    @Inject
    @ConfigProperty(name = "openvisit.portal.idle-timeout-minutes", defaultValue = "30")
    private int idleTimeoutMinutes;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        SessionCookieConfig cookie = event.getServletContext().getSessionCookieConfig();
        cookie.setName("OPENVISIT_SESSION");
        cookie.setHttpOnly(true);
        cookie.setSecure(!"development".equalsIgnoreCase(mode));
        cookie.setAttribute("SameSite", "Lax");
        cookie.setPath(event.getServletContext().getContextPath().isEmpty() ? "/" : event.getServletContext().getContextPath());
        event.getServletContext().setSessionTimeout(Math.max(1, idleTimeoutMinutes));
    }
}
