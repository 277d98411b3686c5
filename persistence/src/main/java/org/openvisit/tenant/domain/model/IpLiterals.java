package org.openvisit.tenant.domain.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads and writes IP address literals without any DNS lookup. IPv4 hosts are read the way browsers
 * and C's inet_aton read them (WHATWG URL standard): {@code 2130706433}, {@code 0x7f000001},
 * {@code 0177.0.0.1} and {@code 127.1} all mean 127.0.0.1.
 */
final class IpLiterals {

    private static final Pattern NUMERIC_LABEL = Pattern.compile("[0-9]+|0[xX][0-9a-fA-F]*");
    private static final Pattern DOTTED_QUAD = Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");

    private IpLiterals() {
    }

    /** Whether a host name's last label is a number, which makes the whole host an IPv4 address. */
    static boolean endsInNumber(String host) {
        String last = host.substring(host.lastIndexOf('.') + 1);
        return NUMERIC_LABEL.matcher(last).matches();
    }

    /** The 4 bytes of an IPv4 host in any numeric form, or {@code null} if it is not a valid one. */
    static byte[] parseIpv4(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length > 4) {
            return null;
        }
        long value = 0;
        for (int i = 0; i < parts.length; i++) {
            long part = parseIpv4Part(parts[i]);
            boolean last = i == parts.length - 1;
            long limit = last ? (1L << (8 * (5 - parts.length))) - 1 : 255;
            if (part < 0 || part > limit) {
                return null;
            }
            value = last ? (value << (8 * (5 - parts.length))) | part : (value << 8) | part;
        }
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    private static long parseIpv4Part(String part) {
        if (part.isEmpty()) {
            return -1;
        }
        int radix = 10;
        String digits = part;
        if (part.startsWith("0x") || part.startsWith("0X")) {
            radix = 16;
            digits = part.substring(2);
        } else if (part.length() > 1 && part.charAt(0) == '0') {
            radix = 8;
            digits = part.substring(1);
        }
        int start = 0;
        while (start < digits.length() && digits.charAt(start) == '0') {
            start++;
        }
        digits = digits.substring(start);
        if (digits.isEmpty()) {
            return 0;
        }
        if (digits.length() > 12) {
            return -1; // far beyond 32 bits in any radix
        }
        for (int i = 0; i < digits.length(); i++) {
            if (Character.digit(digits.charAt(i), radix) < 0) {
                return -1;
            }
        }
        return Long.parseLong(digits, radix);
    }

    /** The 16 bytes of an IPv6 literal (without brackets), or {@code null} if it is not a valid one. */
    static byte[] parseIpv6(String text) {
        if (text.isEmpty()) {
            return null;
        }
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        List<Integer> head;
        List<Integer> tail;
        if (gap >= 0) {
            head = groups(text.substring(0, gap), false);
            tail = groups(text.substring(gap + 2), true);
        } else {
            head = groups(text, true);
            tail = List.of();
        }
        if (head == null || tail == null) {
            return null;
        }
        int given = head.size() + tail.size();
        if (gap >= 0 ? given > 7 : given != 8) {
            return null;
        }
        List<Integer> all = new ArrayList<>(head);
        for (int i = given; i < 8; i++) {
            all.add(0);
        }
        all.addAll(tail);
        byte[] bytes = new byte[16];
        for (int i = 0; i < 8; i++) {
            bytes[2 * i] = (byte) (all.get(i) >>> 8);
            bytes[2 * i + 1] = (byte) (int) all.get(i);
        }
        return bytes;
    }

    private static List<Integer> groups(String part, boolean mayEndInIpv4) {
        List<Integer> groups = new ArrayList<>();
        if (part.isEmpty()) {
            return groups;
        }
        String[] pieces = part.split(":", -1);
        for (int i = 0; i < pieces.length; i++) {
            String piece = pieces[i];
            if (mayEndInIpv4 && i == pieces.length - 1 && piece.indexOf('.') >= 0) {
                if (!DOTTED_QUAD.matcher(piece).matches()) {
                    return null;
                }
                byte[] v4 = parseIpv4(piece);
                if (v4 == null) {
                    return null;
                }
                groups.add(((v4[0] & 0xff) << 8) | (v4[1] & 0xff));
                groups.add(((v4[2] & 0xff) << 8) | (v4[3] & 0xff));
            } else {
                if (piece.isEmpty() || piece.length() > 4) {
                    return null;
                }
                int value = 0;
                for (int k = 0; k < piece.length(); k++) {
                    char c = piece.charAt(k);
                    int digit = c < 0x80 ? Character.digit(c, 16) : -1; // ASCII only, not other scripts' digits
                    if (digit < 0) {
                        return null;
                    }
                    value = value * 16 + digit;
                }
                groups.add(value);
            }
        }
        return groups;
    }

    static String formatIpv4(byte[] b) {
        return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
    }

    /** RFC 5952 text: lower case, no leading zeros, the longest run of zero groups as "::". */
    static String formatIpv6(byte[] b) {
        boolean mapped = true;
        for (int i = 0; i < 10; i++) {
            mapped &= b[i] == 0;
        }
        if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return "::ffff:" + formatIpv4(new byte[] {b[12], b[13], b[14], b[15]});
        }
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(g[i]));
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
