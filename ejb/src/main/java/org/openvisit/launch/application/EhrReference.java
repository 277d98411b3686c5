package org.openvisit.launch.application;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A FHIR reference as an EHR sends it in a launch, made relative to the endpoint's FHIR base: {@code Practitioner/123},
 * {@code https://ehr.example.org/fhir/Practitioner/123} (the same, when the base is {@code https://ehr.example.org/fhir}),
 * a version suffix ({@code /_history/2}, {@code |2}) dropped. An absolute reference on another server is
 * {@link Kind#FOREIGN}; anything that is no {@code Type/id} reference is {@link Kind#INVALID}.
 */
record EhrReference(Kind kind, String type, String id) {

    enum Kind {
        /** A reference to a resource of this endpoint's FHIR server. */
        LOCAL,
        /** An absolute reference to another server. */
        FOREIGN,
        /** Not a FHIR reference. */
        INVALID
    }

    private static final Pattern RELATIVE = Pattern.compile("([A-Z][A-Za-z]{1,63})/([A-Za-z0-9\\-.]{1,64})(/_history/[A-Za-z0-9\\-.]{1,64})?");

    static EhrReference parse(String value, String fhirBase) {
        if (value == null || value.isBlank()) {
            return invalid();
        }
        String v = value.strip();
        int bar = v.indexOf('|');
        if (bar >= 0) {
            v = v.substring(0, bar); // a canonical's version
        }
        if (v.startsWith("http://") || v.startsWith("https://")) {
            Optional<String> relative = relativeTo(v, fhirBase);
            if (relative.isEmpty()) {
                return new EhrReference(Kind.FOREIGN, null, null);
            }
            v = relative.get();
        }
        Matcher m = RELATIVE.matcher(v);
        return m.matches() ? new EhrReference(Kind.LOCAL, m.group(1), m.group(2)) : invalid();
    }

    private static EhrReference invalid() {
        return new EhrReference(Kind.INVALID, null, null);
    }

    /** The relative part of an absolute URL under the FHIR base (scheme and host compared without case, default ports ignored). */
    static Optional<String> relativeTo(String absolute, String fhirBase) {
        try {
            URI url = URI.create(absolute);
            URI base = URI.create(fhirBase);
            if (url.getHost() == null || base.getHost() == null
                    || !url.getScheme().equalsIgnoreCase(base.getScheme())
                    || !url.getHost().equalsIgnoreCase(base.getHost())
                    || port(url) != port(base) || url.getRawQuery() != null) {
                return Optional.empty();
            }
            String basePath = stripSlash(base.getRawPath() == null ? "" : base.getRawPath());
            String path = url.getRawPath() == null ? "" : url.getRawPath();
            if (!path.startsWith(basePath + "/")) {
                return Optional.empty();
            }
            return Optional.of(path.substring(basePath.length() + 1));
        } catch (IllegalArgumentException | NullPointerException notAUrl) {
            return Optional.empty();
        }
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return uri.getScheme().toLowerCase(Locale.ROOT).equals("https") ? 443 : 80;
    }

    private static String stripSlash(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    boolean isLocal() {
        return kind == Kind.LOCAL;
    }

    boolean is(String resourceType) {
        return kind == Kind.LOCAL && type.equals(resourceType);
    }

    /** {@code Type/id}; only for a local reference. */
    String relative() {
        if (kind != Kind.LOCAL) {
            throw new IllegalStateException("not a reference of this server");
        }
        return type + "/" + id;
    }

    @Override
    public String toString() {
        return "EhrReference[" + kind + (type == null ? "" : ", " + type) + "]";
    }
}
