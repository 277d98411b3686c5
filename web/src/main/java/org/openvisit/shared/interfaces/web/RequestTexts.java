package org.openvisit.shared.interfaces.web;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The base of each context's request-scoped texts bean ({@code #{tenantText.get('key')}},
 * {@code #{reportText.format('key', value)}}): the context's bundle in the viewer's language, read once per request
 * when a page first asks.
 *
 * @param <T> the context's texts of one language
 */
public abstract class RequestTexts<T extends LocalizedTexts> {

    @Inject
    private HttpServletRequest request;

    private T texts;

    /** The context's texts in the language this request is shown in. */
    protected abstract T textsFor(HttpServletRequest request);

    protected T texts() {
        if (texts == null) {
            texts = textsFor(request);
        }
        return texts;
    }

    protected HttpServletRequest request() {
        return request;
    }

    public String get(String key) {
        return texts().get(key);
    }

    public String format(String key, Object... arguments) {
        return texts().format(key, arguments);
    }
}
