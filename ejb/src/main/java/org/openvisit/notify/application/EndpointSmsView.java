package org.openvisit.notify.application;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One endpoint's SMS settings as the page and the API show them: whether confirmations (booked, moved, cancelled)
 * are sent, the reminders (minutes before, largest first), the sending number (null: any active number linked to
 * the endpoint), the patients' numbers' country, the messages' language and time zone, the sending facility (MSH-4)
 * for MLLP, whether a feed secret is set (never the secret itself), the quiet hours ({@code HH:mm}, null: none), and
 * the certificate of the EHR's interface engine for the HTTPS feed (null: none).
 */
public record EndpointSmsView(UUID endpointId, boolean confirmation, List<Integer> reminderMinutes, UUID numberId,
                              String phoneRegion, String language, String timeZone, String sendingFacility,
                              boolean feedSecretSet, String updatedBy, Instant updatedAt, String quietFrom,
                              String quietUntil, FeedCertificateView feedCertificate) implements Serializable {
}
