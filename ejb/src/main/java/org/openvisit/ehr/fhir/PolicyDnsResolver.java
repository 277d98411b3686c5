package org.openvisit.ehr.fhir;

import org.apache.http.conn.DnsResolver;
import org.openvisit.tenant.domain.model.AddressRange;
import org.openvisit.tenant.domain.model.OutboundAddressPolicy;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The name lookup of the FHIR clients' connection pool: every address a host resolves to must be permitted by
 * the outbound address policy, at the moment the connection is opened (a name checked when it was entered may
 * resolve elsewhere since; the check before the call and this one see the same rules).
 */
final class PolicyDnsResolver implements DnsResolver {

    /** Resolves host names; replaced in tests. */
    @FunctionalInterface
    interface Lookup {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final OutboundAddressPolicy policy;
    private final Lookup lookup;

    PolicyDnsResolver(OutboundAddressPolicy policy) {
        this(policy, InetAddress::getAllByName);
    }

    PolicyDnsResolver(OutboundAddressPolicy policy, Lookup lookup) {
        this.policy = policy;
        this.lookup = lookup;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] addresses = lookup.resolve(host);
        for (InetAddress address : addresses) {
            if (!policy.permits(address)) {
                AddressRange range = AddressRange.of(address);
                throw new OutboundAddressRefusedException("The FHIR server " + host + " resolves to "
                        + address.getHostAddress() + ", which is " + range.description() + ". " + policy.advice(range));
            }
        }
        return addresses;
    }
}
