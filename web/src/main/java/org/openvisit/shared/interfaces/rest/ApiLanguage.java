package org.openvisit.shared.interfaces.rest;

import jakarta.ws.rs.core.HttpHeaders;
import org.openvisit.shared.interfaces.web.LocalizedTexts;
import org.openvisit.shared.interfaces.web.RefusalTexts;

/**
 * The language of an API answer's words: the first of the request's {@code Accept-Language} that OpenVisit speaks,
 * else English (a request without the header gets English, as before).
 */
final class ApiLanguage {

    private ApiLanguage() {
    }

    /**
     * A service's refusal in the request's language; in English exactly the service's own message, as the API has
     * always answered (the portal's English words may be shorter).
     */
    static String words(Throwable refusal, HttpHeaders headers) {
        LocalizedTexts texts = texts(headers);
        return java.util.Locale.ENGLISH.equals(texts.locale()) ? refusal.getMessage() : RefusalTexts.of(refusal, texts);
    }

    static LocalizedTexts texts(HttpHeaders headers) {
        String header = null;
        try {
            header = headers == null ? null : headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE);
        } catch (IllegalStateException outsideARequest) {
            // no request in scope: English
        }
        return RefusalTexts.in(RefusalTexts.ofApiRequest(header));
    }
}
