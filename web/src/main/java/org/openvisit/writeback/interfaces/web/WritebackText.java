package org.openvisit.writeback.interfaces.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import org.openvisit.shared.interfaces.web.BundleTexts;
import org.openvisit.shared.interfaces.web.RequestTexts;

/**
 * The write-back context's portal texts ({@value #BUNDLE}) in the viewer's language, with the queue's codes (health,
 * delivery state, event type, adapter) as words: {@code #{writebackText.word('health', q.health())}}.
 */
@Named
@RequestScoped
public class WritebackText extends RequestTexts<BundleTexts> {

    public static final String BUNDLE = "org.openvisit.writeback.interfaces.web.Messages";

    @Override
    protected BundleTexts textsFor(HttpServletRequest request) {
        return BundleTexts.of(BUNDLE, request);
    }


    /** A code of {@code kind} as words ({@code health.DEGRADED}, {@code event.VISIT_ENDED}); empty for none. */
    public String word(String kind, Enum<?> code) {
        return code == null ? "" : get(kind + "." + code.name());
    }
}
