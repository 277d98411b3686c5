package org.openvisit.ehr;

import org.openvisit.ehr.SmartSignInException.Failure;
import org.openvisit.tenant.domain.model.AddressRange;
import org.openvisit.tenant.domain.model.OutboundAddressPolicy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * The resolving half of the SSRF guard, checked before every outbound request of the EHR layer: http(s) only, no
 * user name in the URL, plain http only to this server's own loopback addresses (development mode), and every
 * address the host resolves to now permitted by the installation's {@link OutboundAddressPolicy} (so a name that
 * resolves differently since it was entered cannot be used to reach this server or an internal network). The
 * rules themselves stay with the policy in the tenant domain model, where {@code FhirBaseUrl} applies them to an
 * entered URL.
 */
public final class AddressGuard {

    private final OutboundAddressPolicy policy;
    private final OutboundHttp.Resolver resolver;

    public AddressGuard(OutboundAddressPolicy policy, OutboundHttp.Resolver resolver) {
        this.policy = policy;
        this.resolver = resolver;
    }

    /**
     * @param what names the request in messages ("the SMART configuration")
     * @throws SmartSignInException {@link Failure#REFUSED_ADDRESS} or {@link Failure#UNREACHABLE}
     */
    public void check(URI uri, String what) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (!(scheme.equals("https") || scheme.equals("http")) || host == null || uri.getRawUserInfo() != null) {
            throw new SmartSignInException(Failure.REFUSED_ADDRESS, "OpenVisit does not send requests to " + uri
                    + " (" + what + "): only https addresses without a user name are used.");
        }
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(bare);
        } catch (UnknownHostException e) {
            throw new SmartSignInException(Failure.UNREACHABLE, "OpenVisit could not find the host " + bare
                    + " (" + what + "): the name does not resolve. Check the address for typing errors, and that this "
                    + "server's DNS knows the EHR's host.");
        }
        for (InetAddress address : addresses) {
            AddressRange range = AddressRange.of(address);
            if (!policy.permits(range)) {
                String shown = bare.equals(address.getHostAddress())
                        ? address.getHostAddress() : bare + " resolves to " + address.getHostAddress() + ", which";
                throw new SmartSignInException(Failure.REFUSED_ADDRESS, "The FHIR server " + shown + " is "
                        + range.description() + ". " + policy.advice(range) + " (OpenVisit was about to read " + what
                        + " at " + uri + ".)");
            }
            if (scheme.equals("http") && range != AddressRange.LOOPBACK) {
                throw new SmartSignInException(Failure.REFUSED_ADDRESS, "OpenVisit talks to EHRs over https only; "
                        + uri + " (" + what + ") is a plain http address. Plain http is accepted only for this "
                        + "server itself in development mode.");
            }
        }
    }
}
