package org.openvisit.shared.infrastructure;

/**
 * The one way a value that came from outside (a username, an address, a message type, a path) enters a log line:
 * control characters (CR, LF, tabs, escapes, and the Unicode line and paragraph separators) become {@code ?}, so no
 * value can start a forged line, and it is cut at {@value #MAX} characters with a {@code …} so no value can flood
 * the log. {@code null} is logged as {@code -}.
 */
public final class LogText {

    public static final int MAX = 120;

    private LogText() {
    }

    public static String of(Object value) {
        return of(value, MAX);
    }

    public static String of(Object value, int max) {
        if (value == null) {
            return "-";
        }
        String text = value.toString();
        boolean cut = text.length() > max;
        StringBuilder out = new StringBuilder(Math.min(text.length(), max) + 1);
        for (int i = 0; i < text.length() && out.length() < max; i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? '?' : c);
        }
        return cut ? out.append('…').toString() : out.toString();
    }
}
