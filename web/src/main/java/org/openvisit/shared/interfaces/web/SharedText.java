package org.openvisit.shared.interfaces.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The texts every portal page shares ({@value #BUNDLE}: the frame, the error pages, refused requests) in the
 * viewer's language, and that language for the page's {@code lang} attribute and the JSF view's locale.
 */
@Named
@RequestScoped
public class SharedText extends RequestTexts<BundleTexts> {

    public static final String BUNDLE = "org.openvisit.shared.interfaces.web.Messages";

    @Override
    protected BundleTexts textsFor(HttpServletRequest request) {
        return BundleTexts.of(BUNDLE, request);
    }


    public Locale getLocale() {
        return texts().locale();
    }

    /** The switcher's link to this same page in {@code language} (a tag of {@link BrowserLanguage#tag}). */
    public String switchTo(String language) {
        HttpServletRequest request = request();
        String back = request.getServletPath() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        return request.getContextPath() + "/language?to=" + URLEncoder.encode(language, StandardCharsets.UTF_8)
                + "&back=" + URLEncoder.encode(back, StandardCharsets.UTF_8);
    }

    /** Whether the page is shown in {@code language}, for the switcher's {@code aria-current}. */
    public boolean isShownIn(String language) {
        return getLanguageTag().equals(language);
    }

    /** The {@code lang} attribute of the page, e.g. {@code zh-Hant-TW}. */
    public String getLanguageTag() {
        return BrowserLanguage.tag(texts().locale());
    }

    /** A refused value in the viewer's words (its {@code refusal.*} words when it names them, else its message). */
    public String refusal(Throwable refusal) {
        return RefusalTexts.of(refusal, texts());
    }
}
