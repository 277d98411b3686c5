package org.openvisit.notify.application;

import java.io.Serializable;
import java.util.List;
import java.util.UUID;

/**
 * An organization's SMS setup: the two consents ({@code ready} when both are given), the history of their grants and
 * withdrawals (newest first), and its numbers (newest request first, released ones too).
 */
public record SmsSetupView(UUID organizationId, boolean ready, List<ConsentView> consents,
                           List<ConsentChangeView> consentHistory, List<SmsNumberView> numbers)
        implements Serializable {
}
