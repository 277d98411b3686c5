package org.openvisit.shared.interfaces.web;

/** Text made safe to put into an HTML page or attribute (the plain pages written without JSF). */
public final class Html {

    private Html() {
    }

    /** {@code text} with {@code < > & " '} escaped; {@code null} becomes empty. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
