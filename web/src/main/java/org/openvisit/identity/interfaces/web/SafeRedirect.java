package org.openvisit.identity.interfaces.web;

/**
 * Where to go after signing in. Only a path inside this application is followed, so a crafted
 * sign-in link cannot send the user to another site.
 */
final class SafeRedirect {

    static final String HOME = "/";

    private SafeRedirect() {
    }

    static String target(String next) {
        if (next == null || next.isBlank() || !next.startsWith("/") || next.startsWith("//") || next.contains("\\")
                || next.chars().anyMatch(c -> c < 0x20) || next.startsWith(PortalAuthenticationMechanism.SIGN_IN_PAGE)
                || next.startsWith("/portal/oidc/")) {
            return HOME;
        }
        return next;
    }
}
