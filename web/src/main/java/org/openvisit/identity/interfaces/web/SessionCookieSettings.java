package org.openvisit.identity.interfaces.web;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;
import java.util.logging.Logger;

/** The session cookie's policy, read once from MicroProfile Config (see {@link SessionCookiePolicy}). */
@ApplicationScoped
public class SessionCookieSettings {

    private static final Logger LOG = Logger.getLogger(SessionCookieSettings.class.getName());

    @Inject
    @ConfigProperty(name = "openvisit.mode", defaultValue = "production")
    private String mode;

    @Inject
    @ConfigProperty(name = SessionCookiePolicy.SECURE)
    private Optional<Boolean> secure;

    @Inject
    @ConfigProperty(name = SessionCookiePolicy.SAME_SITE)
    private Optional<String> sameSite;

    @Inject
    @ConfigProperty(name = SessionCookiePolicy.PARTITIONED)
    private Optional<Boolean> partitioned;

    private SessionCookiePolicy policy;

    @PostConstruct
    void read() {
        policy = SessionCookiePolicy.of(mode, secure, sameSite, partitioned);
        LOG.info(() -> "Session cookie " + policy.name() + ": HttpOnly" + (policy.secure() ? "; Secure" : "")
                + "; SameSite=" + policy.sameSite() + (policy.partitioned() ? "; Partitioned" : ""));
    }

    public SessionCookiePolicy policy() {
        return policy;
    }
}
