package org.openvisit.identity.interfaces.web;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openvisit.shared.interfaces.web.BrowserLanguage;

import java.io.IOException;
import java.util.Locale;

/**
 * The language switcher: {@code /language?to=ru&back=/users.xhtml} remembers the choice in this browser for a year
 * (cookie {@value BrowserLanguage#CHOICE_COOKIE}, read before the browser's own languages) and goes back to the page,
 * only ever to a path of this application. A language OpenVisit does not speak changes nothing.
 */
@WebServlet(LanguageChoiceServlet.PATH)
public class LanguageChoiceServlet extends HttpServlet {

    static final String PATH = "/language";
    private static final int ONE_YEAR = 365 * 24 * 3600;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String to = request.getParameter("to");
        Locale chosen = to == null || to.length() > 16 ? null : BrowserLanguage.supported(Locale.forLanguageTag(to));
        if (chosen != null) {
            Cookie cookie = new Cookie(BrowserLanguage.CHOICE_COOKIE, BrowserLanguage.tag(chosen));
            cookie.setPath(request.getContextPath().isEmpty() ? "/" : request.getContextPath());
            cookie.setMaxAge(ONE_YEAR);
            cookie.setHttpOnly(true);
            cookie.setSecure(request.isSecure());
            cookie.setAttribute("SameSite", "Lax");
            response.addCookie(cookie);
        }
        response.sendRedirect(request.getContextPath() + SafeRedirect.back(request.getParameter("back")));
    }
}
