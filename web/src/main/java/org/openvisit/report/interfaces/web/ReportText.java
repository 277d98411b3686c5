package org.openvisit.report.interfaces.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import org.openvisit.report.domain.model.LobbyWaitBucket;
import org.openvisit.report.domain.model.ReportStatus;
import org.openvisit.shared.interfaces.web.BrowserLanguage;
import org.openvisit.shared.interfaces.web.LocalizedTexts;
import org.openvisit.shared.interfaces.web.RequestTexts;
import org.openvisit.visit.domain.model.AttendeeRole;
import org.openvisit.visit.domain.model.VisitEventType;
import org.openvisit.writeback.domain.model.DeliveryStatus;

import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The report context's texts ({@value #BUNDLE}) in the browser's language: {@code #{reportText.get('key')}} on pages,
 * {@link #of(HttpServletRequest)} in the export servlet.
 */
@Named
@RequestScoped
public class ReportText extends RequestTexts<ReportText.Texts> {

    public static final String BUNDLE = "org.openvisit.report.interfaces.web.Messages";

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

    public String status(ReportStatus status) {
        return texts().status(status);
    }

    /** Seconds as words ("12 min 5 s"); empty for none. */
    public String duration(Number seconds) {
        return texts().duration(seconds);
    }

    /** A visit event's type as words. */
    public String event(VisitEventType type) {
        return type == null ? "" : get("event." + type.name());
    }

    /** An attendee's role as words. */
    public String role(AttendeeRole role) {
        return role == null ? "" : get("role." + role.name());
    }

    /** A write-back delivery's state as words. */
    public String delivery(DeliveryStatus status) {
        return status == null ? "" : get("delivery." + status.name());
    }

    /** A lobby-wait bucket as words ("2 to 5 min"). */
    public String waitBucket(LobbyWaitBucket bucket) {
        return texts().waitBucket(bucket);
    }

    /** A value of one of the report's word lists ({@code quality}, {@code deviceTest}, {@code writeBack}) as words. */
    public String word(String list, Enum<?> value) {
        return texts().word(list, value);
    }

    /** An endpoint's environment ({@code TEST}, {@code PRODUCTION}) as words; empty when unknown. */
    public String environment(String environment) {
        return texts().environment(environment);
    }

    /** A meeting platform's name as words (a platform this version does not know: its name). */
    public String platform(String platform) {
        return texts().platform(platform);
    }

    /** The texts of one language. */
    public record Texts(Locale locale, ResourceBundle bundle) implements LocalizedTexts {

        public String status(ReportStatus status) {
            return status == null ? "" : get("status." + status.name());
        }

        public String waitBucket(LobbyWaitBucket bucket) {
            return get("wait." + bucket.name());
        }

        public String word(String list, Enum<?> value) {
            return value == null ? "" : get(list + "." + value.name());
        }

        public String environment(String environment) {
            return environment == null ? "" : get("environment." + environment);
        }

        public String platform(String platform) {
            if (platform == null) {
                return "";
            }
            return bundle().containsKey("platform." + platform) ? get("platform." + platform) : platform;
        }

        public String duration(Number seconds) {
            if (seconds == null) {
                return "";
            }
            long s = Math.round(seconds.doubleValue());
            if (s < 60) {
                return format("duration.seconds", s);
            }
            if (s < 3600) {
                return format("duration.minutes", s / 60, s % 60);
            }
            return format("duration.hours", s / 3600, (s % 3600) / 60);
        }
    }
}
