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
        if (!isInApplication(next) || next.startsWith(PortalAuthenticationMechanism.SIGN_IN_PAGE)
                || next.startsWith("/portal/oidc/")) {
            return HOME;
        }
        return next;
    }

    /** {@code back} when it is a path of this application (the sign-in page included), else the home page. */
    static String back(String back) {
        return isInApplication(back) ? back : HOME;
    }

    private static boolean isInApplication(String path) {
        return path != null && !path.isBlank() && path.startsWith("/") && !path.startsWith("//") && !path.contains("\\")
                && path.chars().noneMatch(c -> c < 0x20);
    }
}
