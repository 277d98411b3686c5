package org.openvisit.tenant.domain.model;

import org.openvisit.tenant.domain.model.InvalidFhirBaseUrlException.Problem;

import java.net.IDN;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The base address of an EHR's FHIR API, which OpenVisit fetches server-side, so it is checked
 * strictly and kept in one normal form (the form that is stored, compared and looked up):
 * <ul>
 *   <li>https only; http only for loopback hosts in development mode;</li>
 *   <li>no user name or password, no query, no fragment, no "." or ".." path segments;</li>
 *   <li>at most {@value #MAX_LENGTH} characters;</li>
 *   <li>normal form: scheme and host in lower case, internationalized host names in their ASCII
 *       (xn--) form, numeric IPv4 forms (2130706433, 0x7f000001, 0177.0.0.1, 127.1) written as
 *       dotted quads, IPv6 in RFC 5952 form, the default port left out, percent-encodings in upper
 *       case, no trailing slash; the path otherwise kept exactly (it is case-sensitive);</li>
 *   <li>literal addresses and well-known names (localhost, *.localhost, intranet names) are checked
 *       against an {@link OutboundAddressPolicy}. Host names are not resolved here (no DNS lookup);
 *       the HTTP client checks every resolved address with the same policy when it connects.</li>
 * </ul>
 */
public final class FhirBaseUrl {

    public static final int MAX_LENGTH = 2000;
    public static final String EXAMPLE = "https://ehr.example.org/interconnect/api/FHIR/R4";

    private static final Pattern SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.\\-]*):");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9\\-]{0,61}[a-z0-9])?");
    private static final String HEX_DIGITS = "0123456789abcdefABCDEF";
    private static final String PATH_CHARACTERS =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@/";
    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "localhost.localdomain",
            "ip6-localhost", "ip6-loopback");
    private static final Set<String> INTRANET_SUFFIXES = Set.of(".local", ".localdomain", ".internal",
            ".intranet", ".lan", ".home.arpa", ".corp");

    private final String value;
    private final String scheme;
    private final String host;
    private final int port;
    private final String path;
    private final byte[] address;

    private FhirBaseUrl(String scheme, String host, int port, String path, byte[] address) {
        this.scheme = scheme;
        this.host = host;
        this.port = port;
        this.path = path;
        this.address = address;
        this.value = scheme + "://" + host + (port < 0 ? "" : ":" + port) + path;
    }

    /**
     * Checks and normalizes an entered URL.
     *
     * @throws InvalidFhirBaseUrlException (field {@code baseUrl}) saying what is wrong and what is accepted
     */
    public static FhirBaseUrl of(String text, OutboundAddressPolicy policy) {
        if (policy == null) {
            throw new IllegalArgumentException("An address policy is required");
        }
        return parse(text, policy);
    }

    /** Rebuilds a URL that was checked when it was entered (from the database); the address policy is not re-applied. */
    static FhirBaseUrl stored(String normalized) {
        return parse(normalized, null);
    }

    private static FhirBaseUrl parse(String text, OutboundAddressPolicy policy) {
        if (text == null || text.isBlank()) {
            throw refused(Problem.REQUIRED, "The FHIR base URL is required, for example " + EXAMPLE + ".")
                    .worded("fhirBaseUrl.required", EXAMPLE);
        }
        String s = text.strip();
        if (s.length() > MAX_LENGTH) {
            throw refused(Problem.TOO_LONG, String.format(Locale.ROOT,
                    "The FHIR base URL is %,d characters long; at most %,d characters are accepted. "
                            + "A FHIR base URL is a short address such as %s.", s.length(), MAX_LENGTH, EXAMPLE))
                    .worded("fhirBaseUrl.tooLong", s.length(), MAX_LENGTH, EXAMPLE);
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c)) {
                throw refused(Problem.MALFORMED, "The FHIR base URL must not contain spaces, line breaks or other "
                        + "control characters; write a space in a path as %20.").worded("fhirBaseUrl.spaces");
            }
            if (c == '\\') {
                throw refused(Problem.MALFORMED, "The FHIR base URL must not contain backslashes (\\); "
                        + "use forward slashes (/), for example " + EXAMPLE + ".").worded("fhirBaseUrl.backslash", EXAMPLE);
            }
        }
        Matcher m = SCHEME.matcher(s);
        if (!m.lookingAt()) {
            throw refused(Problem.MALFORMED, "The FHIR base URL must be a full address starting with https://, "
                    + "for example " + EXAMPLE + ".").worded("fhirBaseUrl.notFull", "https://", EXAMPLE);
        }
        String scheme = m.group(1).toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw refused(Problem.UNSUPPORTED_SCHEME, "The FHIR base URL must start with https://; addresses "
                    + "starting with \"" + shorten(scheme) + ":\" are not accepted. OpenVisit talks to FHIR "
                    + "servers over https only.").worded("fhirBaseUrl.scheme", shorten(scheme));
        }
        String rest = s.substring(m.end());
        if (!rest.startsWith("//")) {
            throw refused(Problem.MALFORMED, "The FHIR base URL must be a full address starting with "
                    + scheme + "://, for example " + EXAMPLE + ".").worded("fhirBaseUrl.notFull", scheme + "://", EXAMPLE);
        }
        rest = rest.substring(2);
        int authorityEnd = rest.length();
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                authorityEnd = i;
                break;
            }
        }
        String authority = rest.substring(0, authorityEnd);
        String tail = rest.substring(authorityEnd);
        if (authority.indexOf('@') >= 0) {
            throw refused(Problem.CREDENTIALS, "The FHIR base URL must not contain a user name or password "
                    + "(the user:password@ part). OpenVisit signs in to the EHR with SMART on FHIR; enter only the "
                    + "address, for example " + EXAMPLE + ".").worded("fhirBaseUrl.credentials", EXAMPLE);
        }
        if (tail.indexOf('#') >= 0) {
            throw refused(Problem.FRAGMENT, "The FHIR base URL must not contain a fragment (the part from #). "
                    + "Enter the address up to the FHIR base path, for example " + EXAMPLE + ".")
                    .worded("fhirBaseUrl.fragment", EXAMPLE);
        }
        if (tail.indexOf('?') >= 0) {
            throw refused(Problem.QUERY, "The FHIR base URL must not contain a query (the part from ?). "
                    + "A FHIR base URL ends with the base path, for example " + EXAMPLE + ".")
                    .worded("fhirBaseUrl.query", EXAMPLE);
        }

        String hostPart;
        String portPart = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw refused(Problem.INVALID_HOST, "The IPv6 address in the FHIR base URL is missing its closing "
                        + "bracket, for example https://[2001:db8::1]/fhir.").worded("fhirBaseUrl.ipv6Unclosed");
            }
            hostPart = authority.substring(0, close + 1);
            String after = authority.substring(close + 1);
            if (!after.isEmpty()) {
                if (after.charAt(0) != ':') {
                    throw refused(Problem.INVALID_HOST, "After the IPv6 address in brackets only a port may follow, "
                            + "for example https://[2001:db8::1]:8443/fhir.").worded("fhirBaseUrl.ipv6AfterBracket");
                }
                portPart = after.substring(1);
            }
        } else {
            int colon = authority.lastIndexOf(':');
            if (colon >= 0) {
                hostPart = authority.substring(0, colon);
                portPart = authority.substring(colon + 1);
                if (hostPart.indexOf(':') >= 0) {
                    throw refused(Problem.INVALID_HOST, "An IPv6 address in a URL must be written in brackets, "
                            + "for example https://[2001:db8::1]/fhir.").worded("fhirBaseUrl.ipv6Brackets");
                }
            } else {
                hostPart = authority;
            }
        }
        int port = port(scheme, portPart);
        Host host = host(hostPart);
        String path = path(tail);

        if (policy != null) {
            if (!policy.permits(host.range())) {
                throw refusedAddress(host, policy);
            }
            if (scheme.equals("http") && host.range() != AddressRange.LOOPBACK) {
                throw refused(Problem.HTTPS_REQUIRED, "The FHIR base URL must start with https://. Plain http:// "
                        + "is accepted only for localhost while OpenVisit runs in development mode.")
                        .worded("fhirBaseUrl.httpsRequired");
            }
        }
        FhirBaseUrl url = new FhirBaseUrl(scheme, host.text(), port, path, host.address());
        if (url.value.length() > MAX_LENGTH) {
            throw refused(Problem.TOO_LONG, String.format(Locale.ROOT, "The FHIR base URL is %,d characters long "
                    + "once its host name is written in ASCII; at most %,d characters are accepted.",
                    url.value.length(), MAX_LENGTH)).worded("fhirBaseUrl.tooLongAscii", url.value.length(), MAX_LENGTH);
        }
        return url;
    }

    private static int port(String scheme, String portPart) {
        if (portPart == null || portPart.isEmpty()) {
            return -1;
        }
        if (portPart.length() > 5 || !portPart.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw refused(Problem.INVALID_PORT, "The port in the FHIR base URL must be a number between 1 and 65535.")
                    .worded("fhirBaseUrl.port");
        }
        int port = Integer.parseInt(portPart);
        if (port < 1 || port > 65535) {
            throw refused(Problem.INVALID_PORT, "The port in the FHIR base URL must be a number between 1 and 65535.")
                    .worded("fhirBaseUrl.port");
        }
        int defaultPort = scheme.equals("https") ? 443 : 80;
        return port == defaultPort ? -1 : port;
    }

    private record Host(String text, byte[] address, AddressRange range, boolean name) {
    }

    private static Host host(String hostPart) {
        if (hostPart.isEmpty()) {
            throw refused(Problem.INVALID_HOST, "The FHIR base URL has no host name; enter a full address such as "
                    + EXAMPLE + ".").worded("fhirBaseUrl.noHost", EXAMPLE);
        }
        if (hostPart.startsWith("[")) {
            String literal = hostPart.substring(1, hostPart.length() - 1);
            if (literal.indexOf('%') >= 0) {
                throw refused(Problem.INVALID_HOST, "IPv6 zone ids (such as %25eth0) are not accepted in a "
                        + "FHIR base URL.").worded("fhirBaseUrl.ipv6Zone");
            }
            byte[] v6 = IpLiterals.parseIpv6(literal);
            if (v6 == null) {
                throw refused(Problem.INVALID_HOST, "[" + shorten(literal) + "] is not a valid IPv6 address.")
                        .worded("fhirBaseUrl.ipv6Invalid", "[" + shorten(literal) + "]");
            }
            return new Host("[" + IpLiterals.formatIpv6(v6) + "]", v6, AddressRange.of(v6), false);
        }
        if (hostPart.indexOf('%') >= 0) {
            throw refused(Problem.INVALID_HOST, "The host name in the FHIR base URL must not be percent-encoded; "
                    + "write it plainly, for example ehr.example.org.").worded("fhirBaseUrl.hostEncoded");
        }
        String name = hostPart;
        if (!name.chars().allMatch(c -> c < 0x80)) {
            try {
                name = IDN.toASCII(name, IDN.USE_STD3_ASCII_RULES);
            } catch (IllegalArgumentException e) {
                throw refused(Problem.INVALID_HOST, "\"" + shorten(hostPart) + "\" is not a valid host name.")
                        .worded("fhirBaseUrl.hostInvalid", shorten(hostPart));
            }
        }
        name = name.toLowerCase(Locale.ROOT);
        if (name.endsWith(".") && name.length() > 1) {
            name = name.substring(0, name.length() - 1); // the fully qualified form names the same host
        }
        if (IpLiterals.endsInNumber(name)) {
            byte[] v4 = IpLiterals.parseIpv4(name);
            if (v4 == null) {
                throw refused(Problem.INVALID_HOST, "\"" + shorten(hostPart) + "\" is neither a valid IPv4 address "
                        + "nor a host name (a host name cannot end in a number).").worded("fhirBaseUrl.ipv4Invalid", shorten(hostPart));
            }
            return new Host(IpLiterals.formatIpv4(v4), v4, AddressRange.of(v4), false);
        }
        if (name.length() > 253 || !Arrays.stream(name.split("\\.", -1))
                .allMatch(label -> LABEL.matcher(label).matches())) {
            throw refused(Problem.INVALID_HOST, "\"" + shorten(hostPart) + "\" is not a valid host name: it may "
                    + "contain letters, digits, hyphens and dots, for example ehr.example.org.")
                    .worded("fhirBaseUrl.hostCharacters", shorten(hostPart));
        }
        if (!Character.isLetter(name.charAt(name.lastIndexOf('.') + 1))) {
            // no top-level domain begins with a digit, and Java's URI (hence every HTTP client here) reads no host
            // in such an address
            throw refused(Problem.INVALID_HOST, "\"" + shorten(hostPart) + "\" is not a valid host name: its last "
                    + "part must begin with a letter, for example ehr.example.org.")
                    .worded("fhirBaseUrl.hostLastLabel", shorten(hostPart));
        }
        AddressRange range = AddressRange.PUBLIC;
        if (LOOPBACK_NAMES.contains(name) || name.endsWith(".localhost")) {
            range = AddressRange.LOOPBACK;
        } else if (name.indexOf('.') < 0 || INTRANET_SUFFIXES.stream().anyMatch(name::endsWith)) {
            range = AddressRange.PRIVATE;
        }
        return new Host(name, null, range, true);
    }

    private static String path(String tail) {
        StringBuilder out = new StringBuilder(tail.length());
        for (int i = 0; i < tail.length(); i++) {
            char c = tail.charAt(i);
            if (c == '%') {
                // ASCII hex digits only: Character.digit also takes other scripts' digits (Arabic-Indic "۲"), which
                // no URL parser does (found by LaunchParametersFuzzTest)
                if (i + 2 >= tail.length() || HEX_DIGITS.indexOf(tail.charAt(i + 1)) < 0
                        || HEX_DIGITS.indexOf(tail.charAt(i + 2)) < 0) {
                    throw refused(Problem.MALFORMED, "A % in the FHIR base URL must start a percent-encoding such "
                            + "as %20; write a literal % as %25.").worded("fhirBaseUrl.percent");
                }
                out.append('%').append(tail.substring(i + 1, i + 3).toUpperCase(Locale.ROOT));
                i += 2;
            } else if (PATH_CHARACTERS.indexOf(c) >= 0) {
                out.append(c);
            } else {
                throw refused(Problem.MALFORMED, "The path of the FHIR base URL contains \"" + c + "\", which is "
                        + "not allowed in a URL; percent-encode it (for example %22 for \").")
                        .worded("fhirBaseUrl.pathCharacter", String.valueOf(c));
            }
        }
        String path = out.toString();
        for (String segment : path.split("/", -1)) {
            String decoded = segment.replace("%2E", ".");
            if (decoded.equals(".") || decoded.equals("..")) {
                throw refused(Problem.MALFORMED, "The FHIR base URL must not contain \".\" or \"..\" path segments; "
                        + "enter the FHIR server's address as it is, for example " + EXAMPLE + ".")
                        .worded("fhirBaseUrl.dotSegments", EXAMPLE);
            }
        }
        int end = path.length();
        while (end > 0 && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(0, end);
    }

    private static InvalidFhirBaseUrlException refusedAddress(Host host, OutboundAddressPolicy policy) {
        AddressRange range = host.range();
        String subject;
        if (!host.name()) {
            subject = "The FHIR base URL points to " + host.text() + ", which is " + range.description() + ". ";
        } else if (range == AddressRange.LOOPBACK) {
            subject = "The FHIR base URL points to " + host.text() + ", which is " + range.description() + ". ";
        } else {
            subject = "The FHIR base URL points to " + host.text() + ", a name that only exists on an internal "
                    + "network (a name without dots or ending in .local, .internal, .lan, .corp or .home.arpa). ";
        }
        InvalidFhirBaseUrlException refusal = new InvalidFhirBaseUrlException(Problem.REFUSED_ADDRESS, range,
                subject + policy.advice(range));
        if (host.name() && range != AddressRange.LOOPBACK) {
            refusal.worded("fhirBaseUrl.address.intranetName", host.text());
            return refusal;
        }
        switch (range) {
            case LOOPBACK -> refusal.worded("fhirBaseUrl.address.loopback", host.text());
            case PRIVATE -> refusal.worded("fhirBaseUrl.address.privateNetwork", host.text());
            case LINK_LOCAL -> refusal.worded("fhirBaseUrl.address.linkLocal", host.text(), EXAMPLE);
            case UNSPECIFIED -> refusal.worded("fhirBaseUrl.address.unspecified", host.text(), EXAMPLE);
            case MULTICAST -> refusal.worded("fhirBaseUrl.address.multicast", host.text(), EXAMPLE);
            case DOCUMENTATION -> refusal.worded("fhirBaseUrl.address.documentation", host.text(), EXAMPLE);
            default -> refusal.worded("fhirBaseUrl.address.reserved", host.text(), EXAMPLE);
        }
        return refusal;
    }

    private static InvalidFhirBaseUrlException refused(Problem problem, String message) {
        return new InvalidFhirBaseUrlException(problem, message);
    }

    private static String shorten(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }

    /** The normal form: what is stored, compared and looked up. */
    public String value() {
        return value;
    }

    /** {@code https} (or {@code http} for loopback in development mode). */
    public String scheme() {
        return scheme;
    }

    /** The host as written in the URL: a lower-case name, a dotted IPv4 address, or an IPv6 address in brackets. */
    public String host() {
        return host;
    }

    /** The port to connect to: the one given, or the scheme's default. */
    public int port() {
        return port >= 0 ? port : scheme.equals("https") ? 443 : 80;
    }

    /** The path without a trailing slash; empty for the server root. */
    public String path() {
        return path;
    }

    /** The address when the host is an IP literal; empty for a host name (resolve it, then {@link OutboundAddressPolicy#check}). */
    public Optional<InetAddress> literalAddress() {
        if (address == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(address.clone())); // no lookup for a byte address
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    public URI toUri() {
        return URI.create(value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FhirBaseUrl that && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
