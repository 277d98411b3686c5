package org.openvisit.identity.interfaces.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openvisit.shared.domain.model.Language;
import org.openvisit.shared.interfaces.web.BrowserLanguage;

/**
 * The language a signed-in person chose, remembered on their account: it comes before the browser's on each of their
 * requests ({@link BrowserLanguage#ACCOUNT_CHOICE}), and the switcher's cookie follows it so that the sign-in page of
 * the same browser speaks it too after signing out.
 */
final class AccountLanguage {

    static final int ONE_YEAR = 365 * 24 * 3600;

    private AccountLanguage() {
    }

    static void apply(HttpServletRequest request, HttpServletResponse response, Language chosen) {
        if (chosen == null) {
            return;
        }
        request.setAttribute(BrowserLanguage.ACCOUNT_CHOICE, chosen.locale());
        if (!chosen.tag().equals(cookie(request))) {
            remember(request, response, chosen.tag());
        }
    }

    /** The switcher's cookie ({@value BrowserLanguage#CHOICE_COOKIE}) for a year, this application's paths only. */
    static void remember(HttpServletRequest request, HttpServletResponse response, String tag) {
        Cookie cookie = new Cookie(BrowserLanguage.CHOICE_COOKIE, tag);
        cookie.setPath(request.getContextPath().isEmpty() ? "/" : request.getContextPath());
        cookie.setMaxAge(ONE_YEAR);
        cookie.setHttpOnly(true);
        cookie.setSecure(request.isSecure());
        cookie.setAttribute("SameSite", "Lax");
        response.addCookie(cookie);
    }

    private static String cookie(HttpServletRequest request) {
        if (request.getCookies() != null) {
            for (Cookie cookie : request.getCookies()) {
                if (BrowserLanguage.CHOICE_COOKIE.equals(cookie.getName())) {
                    return cookie.getValue();
                }
            }
        }
        return null;
    }
}
