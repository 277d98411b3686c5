package org.openvisit.audit.interfaces.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import org.openvisit.audit.domain.model.ActorType;
import org.openvisit.audit.domain.model.AuditKind;
import org.openvisit.audit.domain.model.AuditOutcome;
import org.openvisit.audit.domain.model.ForwardState;
import org.openvisit.shared.interfaces.web.BrowserLanguage;
import org.openvisit.shared.interfaces.web.LocalizedTexts;
import org.openvisit.shared.interfaces.web.RequestTexts;

import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The audit context's texts ({@value #BUNDLE}) in the browser's language: {@code #{auditText.get('key')}} on pages,
 * {@link #of(HttpServletRequest)} in the export servlet; kinds, outcomes, actors and forwarding states as words.
 */
@Named
@RequestScoped
public class AuditText extends RequestTexts<AuditText.Texts> {

    public static final String BUNDLE = "org.openvisit.audit.interfaces.web.Messages";

    public static Texts of(HttpServletRequest request) {
        return of(BrowserLanguage.of(request));
    }

    public static Texts of(Locale locale) {
        return new Texts(locale, BrowserLanguage.bundle(BUNDLE, locale));
    }

    @Override
    protected Texts textsFor(HttpServletRequest request) {
        return of(request);
    }

    public String kind(AuditKind kind) {
        return texts().kind(kind);
    }

    public String outcome(AuditOutcome outcome) {
        return texts().outcome(outcome);
    }

    public String actor(ActorType type) {
        return texts().actor(type);
    }

    public String forward(ForwardState state) {
        return texts().forward(state);
    }

    /** The texts of one language. */
    public record Texts(Locale locale, ResourceBundle bundle) implements LocalizedTexts {

        public String kind(AuditKind kind) {
            return kind == null ? "" : get("kind." + kind.name());
        }

        public String outcome(AuditOutcome outcome) {
            return outcome == null ? "" : get("outcome." + outcome.name());
        }

        public String actor(ActorType type) {
            return type == null ? "" : get("actor." + type.name());
        }

        public String forward(ForwardState state) {
            return state == null ? "" : get("forward." + state.name());
        }
    }
}
