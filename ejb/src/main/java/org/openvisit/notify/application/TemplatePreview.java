package org.openvisit.notify.application;

import org.openvisit.notify.domain.model.SmsSegments;
import org.openvisit.shared.domain.model.InvalidValueException;

/**
 * A template rendered with example values, as the SMS page shows it while the administrator types: the text, how it
 * travels (GSM-7 or UCS-2, units, segments), and what would stop it being saved (null when nothing would).
 *
 * @param maxSegments the most segments a saved template may take
 */
public record TemplatePreview(String text, SmsSegments segments, int maxSegments, InvalidValueException problem)
        implements java.io.Serializable {

    /** Saving would be refused: a placeholder, a brace or the link is wrong, or it is too long. */
    public boolean refused() {
        return problem != null;
    }
}
