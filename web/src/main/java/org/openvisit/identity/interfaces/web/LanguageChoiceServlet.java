package org.openvisit.identity.interfaces.web;

import jakarta.ejb.EJB;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openvisit.identity.application.AccountService;
import org.openvisit.shared.domain.model.Language;
import org.openvisit.shared.interfaces.web.BrowserLanguage;

import java.io.IOException;
import java.util.Locale;

/**
 * The language switcher: {@code /language?to=ru&back=/users.xhtml} remembers the choice in this browser for a year
 * (cookie {@value BrowserLanguage#CHOICE_COOKIE}, read before the browser's own languages) and goes back to the page,
 * only ever to a path of this application. A language OpenVisit does not speak changes nothing. A signed-in person's
 * choice is also remembered on their account ({@link AccountLanguage}).
 */
@WebServlet(LanguageChoiceServlet.PATH)
public class LanguageChoiceServlet extends HttpServlet {

    static final String PATH = "/language";

    @EJB
    private AccountService accounts;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String to = request.getParameter("to");
        Locale chosen = to == null || to.length() > 16 ? null : BrowserLanguage.supported(Locale.forLanguageTag(to));
        if (chosen != null) {
            AccountLanguage.remember(request, response, BrowserLanguage.tag(chosen));
            SignedInSession session = SignedInSession.of(request);
            if (session != null) {
                // remembered on the person's account too: their language on any browser, from the next request on
                accounts.chooseLanguage(session.username(), Language.ofTag(BrowserLanguage.tag(chosen)).orElse(null));
            }
        }
        response.sendRedirect(request.getContextPath() + SafeRedirect.back(request.getParameter("back")));
    }
}
