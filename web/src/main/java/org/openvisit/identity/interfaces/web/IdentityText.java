package org.openvisit.identity.interfaces.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import org.openvisit.shared.interfaces.web.BundleTexts;
import org.openvisit.shared.interfaces.web.RequestTexts;
import org.openvisit.tenant.domain.model.Role;

/** The identity context's portal texts ({@value #BUNDLE}: sign-in, my account, users) in the viewer's language. */
@Named
@RequestScoped
public class IdentityText extends RequestTexts<BundleTexts> {

    public static final String BUNDLE = "org.openvisit.identity.interfaces.web.Messages";

    @Override
    protected BundleTexts textsFor(HttpServletRequest request) {
        return BundleTexts.of(BUNDLE, request);
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
