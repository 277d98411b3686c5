package org.openvisit.notify.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openvisit.notify.domain.model.SmsSegments;
import org.openvisit.notify.domain.model.SmsTemplateKind;
import org.openvisit.notify.domain.model.SmsTemplateText;
import org.openvisit.shared.domain.model.InvalidValueException;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Renders a template with example values — the organization's name, an appointment on 9 March 2027 at 14:30 in the
 * language's date and time format, a join link as long as a real one and a clinician's name of usual length in the
 * language — and counts its segments. What a saved
 * template must meet: {@link SmsTemplateText#check} and at most {@value #MAX_SEGMENTS} segments so rendered.
 */
@ApplicationScoped
public class SmsTemplatePreviews {

    /** The most segments a template may take with the example values (a longer SMS costs more and arrives split). */
    public static final int MAX_SEGMENTS = 3;

    static final Instant EXAMPLE_START = LocalDateTime.of(2027, 3, 9, 14, 30).toInstant(ZoneOffset.UTC);

    /** A short link's code has ten characters, as {@link SmsFeedWork} makes them. */
    static final String EXAMPLE_CODE = "Ab3dE5gH7j";

    @Inject
    SmsTexts texts;

    @Inject
    @ConfigProperty(name = "openvisit.public-url", defaultValue = "http://localhost:8080")
    String publicUrl;

    protected SmsTemplatePreviews() {
        // for CDI
    }

    SmsTemplatePreviews(SmsTexts texts, String publicUrl) {
        this.texts = texts;
        this.publicUrl = publicUrl;
    }

    /** The template as the patient would read it, with its length; never throws for a bad template. */
    public TemplatePreview preview(SmsTemplateKind kind, String language, String text, String organizationName) {
        String body = text == null ? "" : text;
        InvalidValueException problem = null;
        try {
            body = SmsTemplateText.check(kind, body);
        } catch (InvalidValueException e) {
            problem = e;
        }
        String rendered;
        try {
            rendered = SmsTemplateText.render(body, texts.values(language, organizationName, EXAMPLE_START,
                    ZoneOffset.UTC, exampleLink(), exampleClinician(language)));
        } catch (InvalidValueException unpaired) {
            rendered = body;
        }
        SmsSegments segments = SmsSegments.of(rendered);
        if (problem == null && segments.segments() > MAX_SEGMENTS) {
            problem = new InvalidValueException("text", "The message takes " + segments.segments()
                    + " segments with the example values; at most " + MAX_SEGMENTS + " are allowed.")
                    .worded("sms.template.tooLong", segments.segments(), MAX_SEGMENTS);
        }
        return new TemplatePreview(rendered, segments, MAX_SEGMENTS, problem);
    }

    private String exampleClinician(String language) {
        return texts.exampleClinician(language);
    }

    private String exampleLink() {
        String base = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        return base + "/j/" + EXAMPLE_CODE;
    }
}
