package org.openvisit.launch.interfaces.web;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import org.openvisit.shared.interfaces.web.BrowserLanguage;

import java.util.Locale;
import java.util.ResourceBundle;

/**
 * What the refusal page ({@code /launch-refused.xhtml}) shows, in the browser's language: the words of the reason
 * from the launch bundle, and the English detail for the EHR team (what the audit log keeps too). Reached only by the
 * launch servlets' forward; opened directly it says only that the launch cannot continue.
 */
@Named("launchRefusal")
@RequestScoped
public class LaunchRefusalView {

    static final String ATTRIBUTE = "org.openvisit.launch.refusal";

    /** A refusal as the launch servlet hands it to the page. */
    record Refusal(String code, String englishTitle, String englishDetail) {
    }

    @Inject
    private HttpServletRequest request;

    private Locale locale = Locale.ENGLISH;
    private ResourceBundle bundle;
    private Refusal refusal;

    @PostConstruct
    void read() {
        locale = BrowserLanguage.of(request);
        bundle = LaunchLanguage.bundle(locale);
        refusal = request.getAttribute(ATTRIBUTE) instanceof Refusal r ? r : null;
    }

    public Locale getLocale() {
        return locale;
    }

    public String getLang() {
        return LaunchLanguage.tag(locale);
    }

    public String getCode() {
        return refusal == null ? "" : refusal.code();
    }

    public String getTitle() {
        String translated = refusal == null ? null : LaunchLanguage.text(bundle, "refusal." + refusal.code() + ".title");
        if (translated != null) {
            return translated;
        }
        return refusal != null && refusal.englishTitle() != null && locale.equals(Locale.ENGLISH)
                ? refusal.englishTitle() : word("refusal.page.title");
    }

    public String getMessage() {
        String translated = refusal == null ? null : LaunchLanguage.text(bundle, "refusal." + refusal.code() + ".message");
        return translated != null ? translated : word("refusal.page.message");
    }

    /** The English detail for the EHR team, when there is one. */
    public String getDetail() {
        return refusal == null ? null : refusal.englishDetail();
    }

    public String word(String key) {
        String text = LaunchLanguage.text(bundle, key);
        return text == null ? key : text;
    }
}
