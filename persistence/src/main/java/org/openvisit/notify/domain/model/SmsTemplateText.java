package org.openvisit.notify.domain.model;

import org.openvisit.shared.domain.model.InvalidValueException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An organization's wording of one SMS with named placeholders in braces — {@code {organization}}, {@code {date}},
 * {@code {time}}, {@code {link}}, {@code {clinician}} — which of them a message may use given by its {@link SmsTemplateKind}. A brace
 * always opens or closes a placeholder (an SMS has no use for literal braces: they cost two GSM-7 septets each).
 */
public final class SmsTemplateText {

    public static final String ORGANIZATION = "organization";
    public static final String DATE = "date";
    public static final String TIME = "time";
    public static final String LINK = "link";
    /** The clinician as the EHR's appointment feed names them (a word such as "your clinician" when it does not). */
    public static final String CLINICIAN = "clinician";

    /** The most characters a template may have (the stored column holds 1000). */
    public static final int MAX_CHARACTERS = 640;

    private SmsTemplateText() {
    }

    /** A piece of a template: literal text, or a placeholder's name. */
    private record Part(String text, boolean placeholder) {
    }

    /**
     * Checks {@code text} for the message {@code kind}.
     *
     * @return the text, stripped of leading and trailing white space
     * @throws InvalidValueException (field {@code text}, worded) empty, too long, a brace without its pair, a
     *                               placeholder the message cannot use, or no join link where one is required
     */
    public static String check(SmsTemplateKind kind, String text) {
        String body = text == null ? "" : text.strip();
        if (body.isEmpty()) {
            throw new InvalidValueException("text", "The message is empty.").worded("sms.template.empty");
        }
        if (body.codePointCount(0, body.length()) > MAX_CHARACTERS) {
            throw new InvalidValueException("text", "The message is longer than " + MAX_CHARACTERS + " characters.")
                    .worded("sms.template.tooManyCharacters", MAX_CHARACTERS);
        }
        List<Part> parts = parse(body);
        boolean link = false;
        for (Part part : parts) {
            if (!part.placeholder()) {
                continue;
            }
            if (!kind.placeholders().contains(part.text())) {
                throw new InvalidValueException("text", "{" + part.text() + "} is not a placeholder this message can "
                        + "use; it can use " + braced(kind) + ".")
                        .worded("sms.template.unknownPlaceholder", "{" + part.text() + "}", braced(kind));
            }
            link |= LINK.equals(part.text());
        }
        if (kind.linkRequired() && !link) {
            throw new InvalidValueException("text", "The message must contain the join link {link}.")
                    .worded("sms.template.linkRequired");
        }
        return body;
    }

    /** The text with each placeholder replaced by its value (a name without a value is left as it is). */
    public static String render(String text, Map<String, String> values) {
        StringBuilder out = new StringBuilder();
        for (Part part : parse(text)) {
            if (part.placeholder()) {
                String value = values.get(part.text());
                out.append(value == null ? "{" + part.text() + "}" : value);
            } else {
                out.append(part.text());
            }
        }
        return out.toString();
    }

    /** The placeholders {@code kind} may use, braced and comma-separated. */
    public static String braced(SmsTemplateKind kind) {
        return String.join(", ", kind.placeholders().stream().map(p -> "{" + p + "}").toList());
    }

    private static List<Part> parse(String text) {
        List<Part> parts = new ArrayList<>();
        int i = 0;
        StringBuilder literal = new StringBuilder();
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '}') {
                throw unpaired();
            }
            if (c != '{') {
                literal.append(c);
                i++;
                continue;
            }
            int end = text.indexOf('}', i + 1);
            int nextOpen = text.indexOf('{', i + 1);
            if (end < 0 || (nextOpen >= 0 && nextOpen < end)) {
                throw unpaired();
            }
            if (!literal.isEmpty()) {
                parts.add(new Part(literal.toString(), false));
                literal.setLength(0);
            }
            parts.add(new Part(text.substring(i + 1, end).strip(), true));
            i = end + 1;
        }
        if (!literal.isEmpty()) {
            parts.add(new Part(literal.toString(), false));
        }
        return parts;
    }

    private static InvalidValueException unpaired() {
        return new InvalidValueException("text", "A brace { or } has no pair: braces only surround a placeholder "
                + "such as {link}.").worded("sms.template.unpairedBrace");
    }
}
