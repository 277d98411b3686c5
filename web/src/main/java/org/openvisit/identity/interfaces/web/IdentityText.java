package org.openvisit.identity.interfaces.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import org.openvisit.shared.interfaces.web.BrowserLanguage;
import org.openvisit.shared.interfaces.web.BundleTexts;
import org.openvisit.tenant.domain.model.Role;

/** The identity context's portal texts ({@value #BUNDLE}: sign-in, my account, users) in the viewer's language. */
@Named
@RequestScoped
public class IdentityText {

    public static final String BUNDLE = "org.openvisit.identity.interfaces.web.Messages";

    @Inject
    private HttpServletRequest request;

    private BundleTexts texts;

    BundleTexts texts() {
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

    /** A role as words with what it does, for choosing roles ({@code role.EHR_ANALYST}). */
    public String role(Role role) {
        return get("role." + role.name());
    }

    /** A role in a word or two, for lists ({@code roleShort.EHR_ANALYST}). */
    public String roleShort(Role role) {
        return get("roleShort." + role.name());
    }
}
