package org.openvisit.notify.domain.model;

/**
 * How an SMS body travels: in the GSM-7 alphabet (GSM 03.38 basic table, one septet a character; the extension table's
 * {@code \f ^ { } \ [ ~ ] |} and {@code €} take two, an escape and the character) when every character is in it, else
 * in UCS-2 (UTF-16 code units: a character outside the Basic Multilingual Plane, such as most emoji, takes two). One
 * segment holds 160 septets or 70 units; a longer message is split into segments of 153 septets or 67 units (the rest
 * is the concatenation header), and an escaped pair or a surrogate pair is never split between two segments, as
 * handsets and carriers split them.
 *
 * @param encoding   GSM-7 or UCS-2
 * @param characters the characters as a person counts them (Unicode code points)
 * @param units      septets (GSM-7) or UTF-16 code units (UCS-2)
 * @param segments   the messages the carrier sends (0 for an empty body)
 */
public record SmsSegments(Encoding encoding, int characters, int units, int segments)
        implements java.io.Serializable {

    /** The two encodings an SMS body can travel in. */
    public enum Encoding {
        GSM_7(160, 153),
        UCS_2(70, 67);

        private final int single;
        private final int perPart;

        Encoding(int single, int perPart) {
            this.single = single;
            this.perPart = perPart;
        }

        /** Units in a message of one segment. */
        public int single() {
            return single;
        }

        /** Units in each segment of a longer message. */
        public int perPart() {
            return perPart;
        }
    }

    /** GSM 03.38 basic character set (without the escape 0x1B), one septet each. */
    private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    /** GSM 03.38 extension table, two septets each (escape and character). */
    private static final String EXTENSION = "\f^{}\\[~]|€";

    /** Counts {@code text} (null counts as empty). */
    public static SmsSegments of(String text) {
        String body = text == null ? "" : text;
        int characters = body.codePointCount(0, body.length());
        if (isGsm7(body)) {
            return count(body, Encoding.GSM_7, characters);
        }
        return count(body, Encoding.UCS_2, characters);
    }

    /** Whether every character of {@code text} is in the GSM-7 basic or extension table. */
    public static boolean isGsm7(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (BASIC.indexOf(c) < 0 && EXTENSION.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static SmsSegments count(String body, Encoding encoding, int characters) {
        int units = 0;
        int i = 0;
        // the units of each character, so a pair is never split across two segments
        int[] widths = new int[characters];
        int n = 0;
        while (i < body.length()) {
            int cp = body.codePointAt(i);
            int width = encoding == Encoding.GSM_7 ? (EXTENSION.indexOf(cp) >= 0 ? 2 : 1) : Character.charCount(cp);
            widths[n++] = width;
            units += width;
            i += Character.charCount(cp);
        }
        if (units == 0) {
            return new SmsSegments(encoding, 0, 0, 0);
        }
        if (units <= encoding.single()) {
            return new SmsSegments(encoding, characters, units, 1);
        }
        int segments = 1;
        int used = 0;
        for (int w : widths) {
            if (used + w > encoding.perPart()) {
                segments++;
                used = 0;
            }
            used += w;
        }
        return new SmsSegments(encoding, characters, units, segments);
    }
}
