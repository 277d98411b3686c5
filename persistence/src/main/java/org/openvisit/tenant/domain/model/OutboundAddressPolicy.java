package org.openvisit.tenant.domain.model;

import java.net.InetAddress;
import java.util.Objects;

/**
 * Which addresses OpenVisit may send requests to (FHIR servers it fetches server-side), so that an
 * entered URL cannot become a way to reach internal hosts. {@link FhirBaseUrl} applies it to the
 * literal address or name in a URL when it is entered; the HTTP client applies {@link #check} again
 * to every address the host name resolves to when it connects, because DNS can change (rebinding).
 * <ul>
 *   <li>public addresses: always;</li>
 *   <li>loopback (this server): only in development mode;</li>
 *   <li>private ranges (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7) and intranet names:
 *       only when the installation allows private addresses (an EHR on the hospital's own network);</li>
 *   <li>link-local (incl. cloud metadata 169.254.169.254), unspecified, multicast, documentation and
 *       reserved ranges: never.</li>
 * </ul>
 */
public record OutboundAddressPolicy(boolean developmentMode, boolean privateAddressesAllowed) {

    /** A production installation whose EHRs are reached over the internet. */
    public static final OutboundAddressPolicy PRODUCTION = new OutboundAddressPolicy(false, false);

    public boolean permits(AddressRange range) {
        return switch (Objects.requireNonNull(range, "range")) {
            case PUBLIC -> true;
            case LOOPBACK -> developmentMode;
            case PRIVATE -> privateAddressesAllowed;
            case LINK_LOCAL, UNSPECIFIED, MULTICAST, DOCUMENTATION, RESERVED -> false;
        };
    }

    public boolean permits(InetAddress address) {
        return permits(AddressRange.of(address));
    }

    /**
     * Re-checks, at connection time, an address that {@code host} resolved to.
     *
     * @throws InvalidFhirBaseUrlException (field {@code baseUrl}) when the address is refused
     */
    public void check(String host, InetAddress resolved) {
        AddressRange range = AddressRange.of(resolved);
        if (!permits(range)) {
            String shown = host == null || host.equals(resolved.getHostAddress())
                    ? resolved.getHostAddress() : host + " resolves to " + resolved.getHostAddress() + ", which";
            throw new InvalidFhirBaseUrlException(InvalidFhirBaseUrlException.Problem.REFUSED_ADDRESS, range,
                    "The FHIR server " + shown + " is " + range.description() + ". " + advice(range));
        }
    }

    /** What an IT person can do about a refused range. */
    String advice(AddressRange range) {
        return switch (range) {
            case LOOPBACK -> "Addresses of this server are accepted only when OpenVisit runs in development mode; "
                    + "enter the EHR's own https address.";
            case PRIVATE -> "This installation accepts only public addresses; the operator can allow private "
                    + "addresses when the EHR runs on the hospital's own network.";
            default -> "OpenVisit never connects to such addresses; enter the EHR's https address, for example "
                    + FhirBaseUrl.EXAMPLE + ".";
        };
    }
}
