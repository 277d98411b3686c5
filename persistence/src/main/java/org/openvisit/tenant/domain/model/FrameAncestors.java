package org.openvisit.tenant.domain.model;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The sites that may show an endpoint's launch and visit pages inside a frame: the origins of a
 * {@code Content-Security-Policy: frame-ancestors} directive. An origin is {@code https://host[:port]},
 * nothing more (no path, query, wildcard or keyword); {@code http} only while OpenVisit runs in
 * development mode. Kept in normal form: lower case, the default port dropped, international names in
 * their ASCII (punycode) form, duplicates removed, in the order given. The default, when the
 * organization set nothing, is the origin of the endpoint's FHIR base URL (the EHR's own site).
 */
public record FrameAncestors(List<String> origins) {

    public static final int MAX_ORIGINS = 10;
    /** What the stored, space-separated form may take (the column holds more; the history row has to fit it). */
    public static final int MAX_TEXT_LENGTH = 800;
    public static final String EXAMPLE = "https://ehr.example.org";

    /** A host name label, an IPv4 address, or an IPv6 literal in brackets; nothing a header could be bent with. */
    private static final Pattern HOST = Pattern.compile(
            "(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\\[[0-9a-f:.]+]");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s,]+");

    public FrameAncestors {
        origins = List.copyOf(origins);
        if (origins.isEmpty()) {
            throw new IllegalArgumentException("at least one origin");
        }
    }

    /**
     * What a person typed: origins separated by spaces, commas or line breaks.
     *
     * @return the origins in normal form; {@code null} when the text is blank (the default applies)
     * @throws InvalidFrameAncestorsException naming the first value refused and why
     */
    public static FrameAncestors parse(String text, boolean developmentMode) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Set<String> origins = new LinkedHashSet<>();
        for (String token : SEPARATORS.split(text.strip())) {
            if (!token.isEmpty()) {
                origins.add(origin(token, developmentMode));
            }
        }
        if (origins.size() > MAX_ORIGINS) {
            throw new InvalidFrameAncestorsException(InvalidFrameAncestorsException.Problem.TOO_MANY,
                    Integer.toString(MAX_ORIGINS), "At most " + MAX_ORIGINS + " sites may show OpenVisit in a frame.");
        }
        FrameAncestors parsed = new FrameAncestors(new ArrayList<>(origins));
        if (parsed.stored().length() > MAX_TEXT_LENGTH) {
            throw new InvalidFrameAncestorsException(InvalidFrameAncestorsException.Problem.TOO_LONG,
                    Integer.toString(MAX_TEXT_LENGTH), "The list of sites must be at most " + MAX_TEXT_LENGTH
                    + " characters.");
        }
        return parsed;
    }

    /** The default: the site of the EHR's FHIR base URL. */
    public static FrameAncestors defaultFor(FhirBaseUrl baseUrl) {
        URI uri = baseUrl.toUri();
        return new FrameAncestors(List.of(uri.getScheme() + "://" + uri.getRawAuthority()));
    }

    /** As stored by OpenVisit itself (already in normal form); {@code null} for none. */
    public static FrameAncestors stored(String text) {
        return text == null || text.isBlank() ? null : new FrameAncestors(List.of(SEPARATORS.split(text.strip())));
    }

    /** The stored form: the origins separated by one space. */
    public String stored() {
        return String.join(" ", origins);
    }

    /** The directive, for example {@code frame-ancestors https://ehr.example.org https://ehr2.example.org:8443}. */
    public String directive() {
        return "frame-ancestors " + stored();
    }

    private static String origin(String token, boolean developmentMode) {
        String shown = token.length() <= 80 ? token : token.substring(0, 77) + "...";
        if (token.contains("*")) {
            throw refused(InvalidFrameAncestorsException.Problem.WILDCARD, shown,
                    "Wildcards are not accepted (" + shown + "): name each site, for example " + EXAMPLE + ".");
        }
        URI uri;
        try {
            uri = new URI(token);
            if (uri.getHost() == null && uri.getRawAuthority() != null && !uri.getRawAuthority().contains("@")) {
                // an international name: java.net.URI reads only ASCII host names
                String authority = uri.getRawAuthority();
                int colon = authority.lastIndexOf(':');
                String name = colon < 0 ? authority : authority.substring(0, colon);
                String ascii = IDN.toASCII(name, IDN.USE_STD3_ASCII_RULES);
                uri = new URI(uri.getScheme() + "://" + ascii + (colon < 0 ? "" : authority.substring(colon))
                        + (uri.getRawPath() == null ? "" : uri.getRawPath())
                        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                        + (uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment()));
            }
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw notAnOrigin(shown);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.isOpaque()) {
            throw notAnOrigin(shown);
        }
        if (scheme.equals("http") && !developmentMode) {
            throw refused(InvalidFrameAncestorsException.Problem.NOT_HTTPS, shown, shown + " is not https: only "
                    + "https sites may show OpenVisit in a frame (http only while OpenVisit runs in development mode).");
        }
        if (uri.getRawUserInfo() != null || uri.getHost() == null) {
            throw notAnOrigin(shown);
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (!(path.isEmpty() || path.equals("/")) || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw refused(InvalidFrameAncestorsException.Problem.HAS_PATH, shown, shown + " has a path, query or "
                    + "fragment: give the site only, for example " + EXAMPLE + ".");
        }
        String host;
        try {
            host = uri.getHost().startsWith("[") ? uri.getHost().toLowerCase(Locale.ROOT)
                    : IDN.toASCII(uri.getHost(), IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw notAnOrigin(shown);
        }
        if (!HOST.matcher(host).matches()) {
            throw notAnOrigin(shown);
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
        return scheme + "://" + host + (defaultPort ? "" : ":" + port);
    }

    private static InvalidFrameAncestorsException notAnOrigin(String shown) {
        return refused(InvalidFrameAncestorsException.Problem.NOT_AN_ORIGIN, shown, shown + " is not a site "
                + "address: write it as https://host or https://host:port, for example " + EXAMPLE + ".");
    }

    private static InvalidFrameAncestorsException refused(InvalidFrameAncestorsException.Problem problem, String value,
                                                          String message) {
        return new InvalidFrameAncestorsException(problem, value, message);
    }
}
