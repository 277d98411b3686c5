package org.openvisit.notify.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.openvisit.shared.domain.model.InvalidValueException;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What SMS does for one of the organization's FHIR endpoints (global store): confirmations on or off, reminders at
 * which minutes before the appointment, from which of its numbers, in which language; and how its EHR's SIU feed is
 * recognised — the HTTPS feed's shared secret (sealed under the installation key by the caller; this class never
 * sees it in clear) and/or the X.509 certificate (public; base64 DER, checked by the caller) whose private key signs
 * the messages, the sending facility (MSH-4) that names the endpoint on MLLP, and the region (ISO 3166) phone numbers
 * without a country code are read in.
 */
@Entity
@Table(name = "sms_endpoint_settings")
@NamedQuery(name = SmsEndpointSettings.BY_FACILITY, query = "select s from SmsEndpointSettings s "
        + "where s.sendingFacility = :facility")
@NamedQuery(name = SmsEndpointSettings.BY_ORGANIZATION, query = "select s from SmsEndpointSettings s "
        + "where s.organizationId = :organization order by s.endpointId")
public class SmsEndpointSettings {

    public static final String BY_FACILITY = "SmsEndpointSettings.byFacility";
    public static final String BY_ORGANIZATION = "SmsEndpointSettings.byOrganization";
    /** The languages messages are written in. */
    public static final Set<String> LANGUAGES = Set.of("en", "zh-CN", "zh-TW", "ru");
    /** At most a week before, and at most this many reminders. */
    public static final int MAX_REMINDER_MINUTES = 7 * 24 * 60;
    public static final int MAX_REMINDERS = 5;
    private static final Pattern REGION = Pattern.compile("[A-Z]{2}");
    private static final Pattern FACILITY = Pattern.compile("[\\p{Alnum} ._\\-^&:]{1,180}");

    @Id
    @Column(name = "endpoint_id", length = 36, nullable = false, updatable = false)
    private String endpointId;

    @Column(name = "organization_id", length = 36, nullable = false, updatable = false)
    private String organizationId;

    @Column(name = "confirmation", nullable = false)
    private boolean confirmation;

    @Column(name = "reminder_minutes", length = 200, nullable = false)
    private String reminderMinutes;

    @Column(name = "number_id", length = 36)
    private String numberId;

    @Column(name = "feed_secret", length = 500)
    private String feedSecret;

    @Column(name = "feed_certificate", length = 22000)
    private String feedCertificate;

    @Column(name = "feed_certificate_by", length = 508)
    private String feedCertificateBy;

    @Column(name = "feed_certificate_at")
    private Instant feedCertificateAt;

    @Column(name = "sending_facility", length = 180)
    private String sendingFacility;

    @Column(name = "phone_region", length = 2, nullable = false)
    private String phoneRegion;

    @Column(name = "language", length = 8, nullable = false)
    private String language;

    @Column(name = "time_zone", length = 64, nullable = false)
    private String timeZone;

    @Column(name = "quiet_from", length = 5)
    private String quietFrom;

    @Column(name = "quiet_until", length = 5)
    private String quietUntil;

    @Column(name = "updated_by", length = 508, nullable = false)
    private String updatedBy;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected SmsEndpointSettings() {
        // for JPA
    }

    /** Fresh settings: confirmations on, no reminders, no number, no feed secret, US numbers, English. */
    public SmsEndpointSettings(UUID organizationId, UUID endpointId, String by, Instant at) {
        this.organizationId = organizationId.toString();
        this.endpointId = endpointId.toString();
        this.confirmation = true;
        this.reminderMinutes = "";
        this.phoneRegion = "US";
        this.language = "en";
        this.timeZone = "UTC";
        this.updatedBy = by;
        this.updatedAt = at;
    }

    /**
     * Changes what is sent.
     *
     * @param quiet the hours in which nothing is sent ({@code null}: none)
     * @throws InvalidValueException a reminder interval out of range, too many, an unknown language, region or time
     *                               zone, or a sending facility with odd characters
     */
    public void change(boolean confirmation, Set<Integer> reminders, UUID numberId, String phoneRegion,
                       String language, String sendingFacility, String timeZone, QuietHours quiet, String by,
                       Instant at) {
        Set<Integer> r = new TreeSet<>(Collections.reverseOrder());
        r.addAll(reminders == null ? Set.of() : reminders);
        if (r.size() > MAX_REMINDERS) {
            throw new InvalidValueException("reminderMinutes", "At most " + MAX_REMINDERS + " reminders.")
                    .worded("sms.reminders.tooMany", MAX_REMINDERS);
        }
        for (int m : r) {
            if (m < 1 || m > MAX_REMINDER_MINUTES) {
                throw new InvalidValueException("reminderMinutes", "A reminder is 1 to " + MAX_REMINDER_MINUTES
                        + " minutes (a week) before the appointment.").worded("sms.reminders.range", MAX_REMINDER_MINUTES);
            }
        }
        String region = phoneRegion == null || phoneRegion.isBlank() ? "US" : phoneRegion.strip().toUpperCase(Locale.ROOT);
        if (!REGION.matcher(region).matches()) {
            throw new InvalidValueException("phoneRegion", "Name the country of the patients' numbers by its "
                    + "two-letter code, for example US.").worded("sms.phoneRegion");
        }
        String lang = language == null || language.isBlank() ? "en" : language.strip();
        if (!LANGUAGES.contains(lang)) {
            throw new InvalidValueException("language", "Messages are written in en, zh-CN, zh-TW or ru.")
                    .worded("sms.language");
        }
        String facility = sendingFacility == null || sendingFacility.isBlank() ? null : sendingFacility.strip();
        if (facility != null && !FACILITY.matcher(facility).matches()) {
            throw new InvalidValueException("sendingFacility", "A sending facility (MSH-4) is up to 180 letters, "
                    + "digits, spaces and . _ - ^ & :").worded("sms.sendingFacility");
        }
        String zone = timeZone == null || timeZone.isBlank() ? "UTC" : timeZone.strip();
        try {
            java.time.ZoneId.of(zone);
        } catch (java.time.DateTimeException e) {
            throw new InvalidValueException("timeZone", "Name the time zone as in the tz database, for example "
                    + "America/New_York.").worded("sms.timeZone");
        }
        this.timeZone = zone;
        QuietHours q = quiet == null ? QuietHours.none() : quiet;
        this.quietFrom = q.fromText();
        this.quietUntil = q.untilText();
        this.confirmation = confirmation;
        this.reminderMinutes = r.stream().map(String::valueOf).collect(Collectors.joining(","));
        this.numberId = numberId == null ? null : numberId.toString();
        this.phoneRegion = region;
        this.language = lang;
        this.sendingFacility = facility;
        this.updatedBy = by;
        this.updatedAt = at;
    }

    /** Replaces the feed's shared secret (already sealed), or removes it ({@code null}). */
    public void feedSecret(String sealed, String by, Instant at) {
        this.feedSecret = sealed;
        this.updatedBy = by;
        this.updatedAt = at;
    }

    /**
     * Replaces the certificate of the EHR's interface engine (base64 of its DER, already read and checked), or removes
     * it ({@code null}); who and when are kept with it.
     */
    public void feedCertificate(String base64Der, String by, Instant at) {
        this.feedCertificate = base64Der;
        this.feedCertificateBy = base64Der == null ? null : by;
        this.feedCertificateAt = base64Der == null ? null : at;
        this.updatedBy = by;
        this.updatedAt = at;
    }

    /** The hours, in {@link #timeZone()}, in which no message is sent. */
    public QuietHours quietHours() {
        return QuietHours.of(quietFrom, quietUntil);
    }

    public UUID endpointId() {
        return UUID.fromString(endpointId);
    }

    public UUID organizationId() {
        return UUID.fromString(organizationId);
    }

    public boolean confirmation() {
        return confirmation;
    }

    /** Minutes before the appointment, largest first. */
    public Set<Integer> reminderMinutes() {
        if (reminderMinutes == null || reminderMinutes.isBlank()) {
            return Set.of();
        }
        Set<Integer> r = new TreeSet<>(Collections.reverseOrder());
        Arrays.stream(reminderMinutes.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(Integer::valueOf).forEach(r::add);
        return Collections.unmodifiableSet(r);
    }

    public Optional<UUID> numberId() {
        return Optional.ofNullable(numberId).map(UUID::fromString);
    }

    public Optional<String> feedSecret() {
        return Optional.ofNullable(feedSecret);
    }

    /** The interface engine's certificate, base64 of its DER. */
    public Optional<String> feedCertificate() {
        return Optional.ofNullable(feedCertificate);
    }

    /** Who uploaded the certificate (null: none). */
    public String feedCertificateBy() {
        return feedCertificateBy;
    }

    /** When the certificate was uploaded (null: none). */
    public Instant feedCertificateAt() {
        return feedCertificateAt;
    }

    public Optional<String> sendingFacility() {
        return Optional.ofNullable(sendingFacility);
    }

    public String phoneRegion() {
        return phoneRegion;
    }

    public String language() {
        return language;
    }

    /** The time zone of appointment times sent without an offset, and of the times written in messages. */
    public java.time.ZoneId timeZone() {
        return java.time.ZoneId.of(timeZone);
    }

    public String updatedBy() {
        return updatedBy;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SmsEndpointSettings other && Objects.equals(endpointId, other.endpointId);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(endpointId);
    }
}
