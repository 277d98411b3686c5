package org.openvisit.tenant.domain.model;

import java.net.InetAddress;
import java.util.Objects;

/**
 * What kind of network address an IPv4 or IPv6 address is, as far as an outbound request from
 * OpenVisit is concerned. IPv6 forms that carry an IPv4 address (IPv4-mapped {@code ::ffff:a.b.c.d},
 * IPv4-compatible {@code ::a.b.c.d}, NAT64 {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}) are judged
 * by the IPv4 address they carry.
 */
public enum AddressRange {
    /** A public (globally routed) address. */
    PUBLIC("a public address"),
    /** 127.0.0.0/8, ::1, localhost: this server itself. */
    LOOPBACK("this server itself (loopback: localhost, 127.0.0.0/8 or ::1)"),
    /** 10/8, 172.16/12, 192.168/16, 100.64/10 (carrier-grade NAT), fc00::/7, fec0::/10, 64:ff9b:1::/48. */
    PRIVATE("a private network address (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, "
            + "100.64.0.0/10 carrier-grade NAT, or IPv6 unique-local fc00::/7)"),
    /** 169.254/16 and fe80::/10, where cloud metadata services (169.254.169.254) live. */
    LINK_LOCAL("a link-local address (169.254.0.0/16 or fe80::/10), where cloud metadata services such as "
            + "169.254.169.254 live"),
    /** 0.0.0.0/8 and ::, which mean "this host" to most systems. */
    UNSPECIFIED("an unspecified address (0.0.0.0/8 or ::), which reaches this server itself"),
    /** 224/4 and ff00::/8. */
    MULTICAST("a multicast address (224.0.0.0/4 or ff00::/8)"),
    /** 192.0.2/24, 198.51.100/24, 203.0.113/24, 2001:db8::/32, 3fff::/20: never used by a real server. */
    DOCUMENTATION("an address reserved for documentation and examples (192.0.2.0/24, 198.51.100.0/24, "
            + "203.0.113.0/24, 2001:db8::/32 or 3fff::/20), which no real server uses"),
    /** Everything else that is not public: 240/4, broadcast, 192.0.0/24, 198.18/15, Teredo, unassigned IPv6. */
    RESERVED("a reserved address that is not reachable on the internet (for example 240.0.0.0/4, "
            + "255.255.255.255, 198.18.0.0/15, Teredo 2001::/32 or unassigned IPv6)");

    private final String description;

    AddressRange(String description) {
        this.description = description;
    }

    /** A phrase for messages: "... points to {description}". */
    public String description() {
        return description;
    }

    public static AddressRange of(InetAddress address) {
        return of(Objects.requireNonNull(address, "address").getAddress());
    }

    /** Classifies the 4 bytes of an IPv4 or the 16 bytes of an IPv6 address. */
    public static AddressRange of(byte[] address) {
        if (address.length == 4) {
            return ofIpv4(address[0] & 0xff, address[1] & 0xff, address[2] & 0xff);
        }
        if (address.length != 16) {
            throw new IllegalArgumentException("An IP address has 4 or 16 bytes, not " + address.length);
        }
        return ofIpv6(address);
    }

    private static AddressRange ofIpv4(int a, int b, int c) {
        if (a == 0) {
            return UNSPECIFIED;
        }
        if (a == 127) {
            return LOOPBACK;
        }
        if (a == 10 || (a == 172 && (b & 0xf0) == 16) || (a == 192 && b == 168) || (a == 100 && (b & 0xc0) == 64)) {
            return PRIVATE;
        }
        if (a == 169 && b == 254) {
            return LINK_LOCAL;
        }
        if ((a == 192 && b == 0 && c == 2) || (a == 198 && b == 51 && c == 100) || (a == 203 && b == 0 && c == 113)) {
            return DOCUMENTATION;
        }
        if (a >= 224 && a <= 239) {
            return MULTICAST;
        }
        if (a >= 240 || (a == 192 && b == 0 && c == 0) || (a == 198 && (b & 0xfe) == 18)) {
            return RESERVED;
        }
        return PUBLIC;
    }

    private static AddressRange ofIpv6(byte[] x) {
        if (zero(x, 0, 10) && (x[10] & 0xff) == 0xff && (x[11] & 0xff) == 0xff) {
            return ofEmbeddedIpv4(x, 12); // IPv4-mapped ::ffff:a.b.c.d
        }
        if (zero(x, 0, 12)) {
            if (zero(x, 12, 15)) {
                return x[15] == 0 ? UNSPECIFIED : x[15] == 1 ? LOOPBACK : RESERVED;
            }
            return ofEmbeddedIpv4(x, 12); // deprecated IPv4-compatible ::a.b.c.d
        }
        int g0 = group(x, 0);
        int g1 = group(x, 1);
        if (g0 == 0x64 && g1 == 0xff9b && zero(x, 4, 12)) {
            return ofEmbeddedIpv4(x, 12); // NAT64 well-known prefix reaches the IPv4 address it carries
        }
        if (g0 == 0x64 && g1 == 0xff9b && group(x, 2) == 1) {
            return PRIVATE; // 64:ff9b:1::/48, local-use NAT64
        }
        if (g0 == 0x2002) {
            return ofEmbeddedIpv4(x, 2); // 6to4
        }
        if (g0 == 0x2001 && g1 == 0x0db8 || (g0 & 0xfff0) == 0x3ff0) {
            return DOCUMENTATION;
        }
        if (g0 == 0x2001 && g1 == 0) {
            return RESERVED; // Teredo tunnels
        }
        if ((g0 & 0xfe00) == 0xfc00 || (g0 & 0xffc0) == 0xfec0) {
            return PRIVATE; // unique-local, deprecated site-local
        }
        if ((g0 & 0xffc0) == 0xfe80) {
            return LINK_LOCAL;
        }
        if ((g0 & 0xff00) == 0xff00) {
            return MULTICAST;
        }
        if ((g0 & 0xe000) != 0x2000) {
            return RESERVED; // outside 2000::/3, the only global unicast range
        }
        return PUBLIC;
    }

    private static AddressRange ofEmbeddedIpv4(byte[] x, int offset) {
        return ofIpv4(x[offset] & 0xff, x[offset + 1] & 0xff, x[offset + 2] & 0xff);
    }

    private static boolean zero(byte[] x, int from, int to) {
        for (int i = from; i < to; i++) {
            if (x[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static int group(byte[] x, int index) {
        return ((x[2 * index] & 0xff) << 8) | (x[2 * index + 1] & 0xff);
    }
}
