package org.openvisit.sandbox.web;

import jakarta.servlet.http.HttpServletRequest;

/** The scheme://host:port a request came in on, and the sandbox URLs for that origin. */
public record RequestOrigin(String origin, String contextPath) {

    /** Where the SMART v1 face of the FHIR API is, under the sandbox's context root. */
    public static final String V1_PATH = "/v1/fhir";

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

    /**
     * The sandbox's SMART v1 face: the same records behind a FHIR base whose SMART configuration offers SMART v1
     * scopes only (see {@code LaunchBehaviour.V1_ONLY_SCOPES}).
     */
    public String v1FhirBase() {
        return sandbox() + V1_PATH;
    }

    /** The FHIR base an authorization request's {@code aud} names: the v1 face when it names that, else the main one. */
    public String fhirBaseFor(String aud) {
        String a = aud == null ? "" : (aud.endsWith("/") ? aud.substring(0, aud.length() - 1) : aud);
        return a.equals(v1FhirBase()) ? v1FhirBase() : fhirBase();
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
