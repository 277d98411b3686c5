package org.openvisit.identity.interfaces.web;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.annotation.WebListener;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The session cookie: its name, HttpOnly, Secure and SameSite as {@link SessionCookiePolicy} says (Secure
 * and {@code SameSite=None} in production so that it survives an EHR's frame or embedded browser;
 * {@code Lax} and not Secure in development mode on plain http), and the idle timeout. Payara does not
 * write the Servlet 6 {@code SameSite} attribute set here on the wire, so
 * {@link org.openvisit.shared.interfaces.web.SecurityHeaders} puts the policy's attributes into the
 * {@code Set-Cookie} header itself; it is set here too for containers that do.
 */
@WebListener
public class SessionHardening implements ServletContextListener {

    @Inject
    private SessionCookieSettings settings;

    @Inject
    @ConfigProperty(name = "openvisit.portal.idle-timeout-minutes", defaultValue = "30")
    private int idleTimeoutMinutes;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        SessionCookiePolicy policy = settings.policy();
        SessionCookieConfig cookie = event.getServletContext().getSessionCookieConfig();
        cookie.setName(policy.name());
        cookie.setHttpOnly(true);
        cookie.setSecure(policy.secure());
        cookie.setAttribute("SameSite", policy.sameSite());
        cookie.setPath(event.getServletContext().getContextPath().isEmpty() ? "/" : event.getServletContext().getContextPath());
        event.getServletContext().setSessionTimeout(Math.max(1, idleTimeoutMinutes));
    }
}
