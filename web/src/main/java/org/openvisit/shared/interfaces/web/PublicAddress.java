package org.openvisit.shared.interfaces.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * OpenVisit's public address, the base of every URL it gives to browsers and EHRs (redirect URIs,
 * integration records): {@code openvisit.public-url} when set (needed behind a TLS-terminating
 * proxy), otherwise the scheme, host, port and context path this request came in on. No trailing slash.
 */
@ApplicationScoped
public class PublicAddress {

    public static final String PUBLIC_URL_KEY = "openvisit.public-url";

    @Inject
    @ConfigProperty(name = PUBLIC_URL_KEY)
    private Optional<String> configured;

    public String base(HttpServletRequest request) {
        String base = configured.map(String::strip).filter(url -> !url.isEmpty()).orElseGet(() -> fromRequest(request));
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base;
    }

    private static String fromRequest(HttpServletRequest request) {
        String scheme = request.getScheme();
        int port = request.getServerPort();
        boolean defaultPort = ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        String host = request.getServerName();
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return scheme + "://" + host + (defaultPort ? "" : ":" + port) + request.getContextPath();
    }
}
