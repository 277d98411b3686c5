package org.openvisit.sandbox.oauth;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Appends query parameters to URLs. */
public final class Urls {

    private Urls() {
    }

    /** Appends name/value pairs (values that are null are left out) to the URL's query. */
    public static String withQuery(String url, String... namesAndValues) {
        StringBuilder result = new StringBuilder(url);
        char separator = url.contains("?") ? '&' : '?';
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] == null) {
                continue;
            }
            result.append(separator).append(encode(namesAndValues[i])).append('=').append(encode(namesAndValues[i + 1]));
            separator = '&';
        }
        return result.toString();
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
