package org.openvisit.sandbox.web;

import jakarta.servlet.http.HttpServletRequest;

/** The scheme://host:port a request came in on, and the sandbox URLs for that origin. */
public record RequestOrigin(String origin, String contextPath) {

    public static RequestOrigin of(HttpServletRequest request) {
        String scheme = request.getScheme();
        int port = request.getServerPort();
        boolean defaultPort = ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        String host = request.getServerName();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return new RequestOrigin(scheme + "://" + host + (defaultPort ? "" : ":" + port), request.getContextPath());
    }

    /** The FHIR base, which is also the {@code iss} and the {@code aud} of authorization requests. */
    public String fhirBase() {
        return sandbox() + "/fhir";
    }

    public String authorizeUrl() {
        return sandbox() + "/oauth/authorize";
    }

    public String tokenUrl() {
        return sandbox() + "/oauth/token";
    }

    public String jwksUrl() {
        return sandbox() + "/oauth/jwks";
    }

    public String sandbox() {
        return origin + contextPath;
    }
}
