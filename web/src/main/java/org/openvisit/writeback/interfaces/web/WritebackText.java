package org.openvisit.writeback.interfaces.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import org.openvisit.shared.interfaces.web.BrowserLanguage;
import org.openvisit.shared.interfaces.web.BundleTexts;

/**
 * The write-back context's portal texts ({@value #BUNDLE}) in the viewer's language, with the queue's codes (health,
 * delivery state, event type, adapter) as words: {@code #{writebackText.word('health', q.health())}}.
 */
@Named
@RequestScoped
public class WritebackText {

    public static final String BUNDLE = "org.openvisit.writeback.interfaces.web.Messages";

    @Inject
    private HttpServletRequest request;

    private BundleTexts texts;

    private BundleTexts texts() {
        if (texts == null) {
            texts = BundleTexts.of(BUNDLE, BrowserLanguage.of(request));
        }
        return texts;
    }

    public String get(String key) {
        return texts().get(key);
    }

    public String format(String key, Object... arguments) {
        return texts().format(key, arguments);
    }

    /** A code of {@code kind} as words ({@code health.DEGRADED}, {@code event.VISIT_ENDED}); empty for none. */
    public String word(String kind, Enum<?> code) {
        return code == null ? "" : get(kind + "." + code.name());
    }
}
