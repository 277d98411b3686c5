package org.openvisit.shared.interfaces.web;

import jakarta.validation.ConstraintViolation;
import org.openvisit.shared.domain.model.WordedRefusal;

import java.util.Locale;

/**
 * What a refused request says, in the reader's language: a service's refusal that names its words
 * ({@link WordedRefusal}: key {@code refusal.<code>} of the shared texts) and a Bean Validation message whose template
 * is a key ({@code {openvisit.page.first}}: key {@code validation.openvisit.page.first}; the constraints' own default
 * messages: {@code validation.default.<Constraint>}). Anything else is said as the service wrote it (English). The
 * portal ({@link PortalMessages}) and the REST API's problem documents both say refusals through here.
 */
public final class RefusalTexts {

    private static final String CONSTRAINTS = "{jakarta.validation.constraints.";

    private RefusalTexts() {
    }

    /** The shared texts in {@code locale}. */
    public static LocalizedTexts in(Locale locale) {
        return BundleTexts.of(SharedText.BUNDLE, locale);
    }

    /** The language of an API request: the first of its {@code Accept-Language} that OpenVisit speaks, else English. */
    public static Locale ofApiRequest(String acceptLanguage) {
        return BrowserLanguage.ofAcceptLanguage(acceptLanguage);
    }

    /** A refusal in {@code texts}' language when it names its words, else its message as the service wrote it. */
    public static String of(Throwable refusal, LocalizedTexts texts) {
        if (refusal instanceof WordedRefusal worded && worded.code().isPresent()) {
            String key = "refusal." + worded.code().get();
            if (texts.bundle().containsKey(key)) {
                return texts.format(key, worded.arguments());
            }
        }
        return refusal.getMessage();
    }

    /**
     * A Bean Validation message in {@code texts}' language when its template is one of OpenVisit's keys or a
     * constraint's default; the constraint's {@code value} (the limit of {@code @Min}/{@code @Max}) is argument 0.
     */
    public static String of(ConstraintViolation<?> violation, LocalizedTexts texts) {
        String key = key(violation.getMessageTemplate());
        if (key != null && texts.bundle().containsKey(key)) {
            Object value = violation.getConstraintDescriptor() == null ? null
                    : violation.getConstraintDescriptor().getAttributes().get("value");
            return texts.format(key, value);
        }
        return violation.getMessage();
    }

    /** The shared texts' key of a message template, or null when it names none. */
    static String key(String template) {
        if (template == null || !template.startsWith("{") || !template.endsWith("}") || template.indexOf('{', 1) >= 0) {
            return null;
        }
        if (template.startsWith("{openvisit.")) {
            return "validation." + template.substring(1, template.length() - 1);
        }
        if (template.startsWith(CONSTRAINTS) && template.endsWith(".message}")) {
            return "validation.default." + template.substring(CONSTRAINTS.length(), template.length() - ".message}".length());
        }
        return null;
    }
}
