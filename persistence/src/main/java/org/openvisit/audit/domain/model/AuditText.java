package org.openvisit.audit.domain.model;

/** Text that goes into the audit trail: control characters replaced (no forged lines), cut to a length. */
final class AuditText {

    private AuditText() {
    }

    static String printable(String s, int max) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), max));
        s.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        String clean = b.toString();
        return clean.length() <= max ? clean : clean.substring(0, max - 1) + "…";
    }
}
