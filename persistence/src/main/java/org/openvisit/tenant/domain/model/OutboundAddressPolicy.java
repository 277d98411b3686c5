package org.openvisit.tenant.domain.model;

import java.net.InetAddress;
import java.util.Objects;

/**
 * Which addresses OpenVisit may send requests to (FHIR servers it fetches server-side), so that an
 * entered URL cannot become a way to reach internal hosts: the rules, shared by the two checks.
 * {@link FhirBaseUrl} applies them to the literal address or name in a URL when it is entered (here, in the
 * domain model, since the persistence module validates the value); the EHR layer's resolving guard
 * ({@code org.openvisit.ehr.AddressGuard}) applies them again to every address the host name resolves to
 * when it connects, because DNS can change (rebinding).
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

    /** What an IT person can do about a refused range. */
    public String advice(AddressRange range) {
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
