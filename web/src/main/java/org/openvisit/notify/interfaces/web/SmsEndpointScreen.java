package org.openvisit.notify.interfaces.web;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.openvisit.shared.domain.model.InvalidValueException;
import org.openvisit.notify.domain.model.QuietHours;
import org.openvisit.identity.interfaces.web.CurrentUser;
import org.openvisit.notify.application.EndpointSmsChange;
import org.openvisit.notify.application.EndpointSmsView;
import org.openvisit.notify.application.FeedCertificateView;
import org.openvisit.notify.application.FeedSecretView;
import org.openvisit.notify.application.FhirFeedChange;
import org.openvisit.notify.application.FhirFeedSetupService;
import org.openvisit.notify.application.FhirFeedView;
import org.openvisit.notify.domain.model.SmsFhirFeed;
import org.openvisit.notify.application.SmsFeedSetupService;
import org.openvisit.notify.application.SmsNumberView;
import org.openvisit.notify.application.SmsSetupService;
import org.openvisit.notify.domain.model.SmsEndpointSettings;
import org.openvisit.notify.domain.model.SmsNumberStatus;
import org.openvisit.shared.interfaces.web.OrganizationContext;
import org.openvisit.shared.interfaces.web.PortalMessages;
import org.openvisit.tenant.application.EndpointService;
import org.openvisit.tenant.application.EndpointSummary;
import org.openvisit.tenant.domain.model.Actor;
import org.openvisit.tenant.domain.model.Role;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * One endpoint's SMS settings ({@code /sms-endpoint.xhtml?org=...&endpoint=...}): confirmations on or off, the
 * reminders (minutes before the appointment), the number messages go from, the patients' country, the messages'
 * language and time zone, the sending facility its MLLP feed names, a new feed secret shown once, and the certificate
 * of the EHR's interface engine (pasted as PEM; shown with subject, issuer, validity, fingerprint). Administrators
 * (ORG_ADMIN) of the organization change them; operators look.
 */
@Named
@ViewScoped
public class SmsEndpointScreen implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private SmsFeedSetupService feed;

    @EJB
    private SmsSetupService setup;

    @EJB
    private FhirFeedSetupService fhirFeed;

    @EJB
    private EndpointService endpoints;

    @Inject
    private CurrentUser currentUser;

    @Inject
    private NotifyText text;

    private String org;
    private String endpoint;
    private UUID organizationId;
    private EndpointSummary endpointSummary;
    private EndpointSmsView settings;
    private List<SmsNumberView> numbers = List.of();
    private boolean confirmation;
    private String reminders;
    private String numberId;
    private String phoneRegion;
    private String language;
    private String timeZone;
    private String quietFrom;
    private String quietUntil;
    private String sendingFacility;
    private FeedSecretView newSecret;
    private String certificatePem;
    private FhirFeedView feedSource;
    private String source;
    private String intervalMinutes;
    private String horizonDays;
    private String subscriptionTopic;

    public void load() {
        Actor actor = currentUser.actor();
        organizationId = OrganizationContext.of(actor, org).orElse(null);
        if (organizationId == null || endpoint == null
                || !(actor.hasRole(Role.OPERATOR) || actor.hasRoleIn(Role.ORG_ADMIN, organizationId))) {
            return;
        }
        UUID endpointId;
        try {
            endpointId = UUID.fromString(endpoint.strip());
        } catch (IllegalArgumentException e) {
            return;
        }
        endpointSummary = endpoints.list(actor, organizationId, 0, 200).items().stream()
                .filter(e -> e.id().equals(endpointId)).findFirst().orElse(null);
        if (endpointSummary == null) {
            return;
        }
        try {
            settings = feed.settings(actor, organizationId, endpointId);
            feedSource = fhirFeed.feed(actor, organizationId, endpointId);
            numbers = setup.view(actor, organizationId).numbers().stream()
                    .filter(n -> n.status() == SmsNumberStatus.ACTIVE).toList();
        } catch (RuntimeException refused) {
            PortalMessages.refused(refused);
            settings = null;
            return;
        }
        show(settings);
        show(feedSource);
    }

    private void show(EndpointSmsView s) {
        confirmation = s.confirmation();
        reminders = s.reminderMinutes().stream().map(String::valueOf).collect(Collectors.joining(", "));
        numberId = s.numberId() == null ? "" : s.numberId().toString();
        phoneRegion = s.phoneRegion();
        language = s.language();
        timeZone = s.timeZone();
        sendingFacility = s.sendingFacility();
        quietFrom = s.quietFrom();
        quietUntil = s.quietUntil();
    }

    private void show(FhirFeedView f) {
        source = f.source();
        intervalMinutes = String.valueOf(f.intervalMinutes());
        horizonDays = String.valueOf(f.horizonDays());
        subscriptionTopic = f.subscription() == null ? "" : f.subscription().topic();
    }

    public void save() {
        List<Integer> minutes = reminderMinutes();
        if (minutes == null) {
            PortalMessages.error(text.format("smsEndpoint.reminders.invalid", SmsEndpointSettings.MAX_REMINDERS,
                    SmsEndpointSettings.MAX_REMINDER_MINUTES));
            return;
        }
        String region = phoneRegion == null ? "" : phoneRegion.strip().toUpperCase(Locale.ROOT);
        if (!region.matches("[A-Z]{2}")) {
            PortalMessages.error(text.get("smsEndpoint.region.invalid"));
            return;
        }
        String zone = timeZone == null ? "" : timeZone.strip();
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            PortalMessages.error(text.get("smsEndpoint.timeZone.invalid"));
            return;
        }
        try {
            QuietHours.of(quietFrom, quietUntil);
        } catch (InvalidValueException e) {
            PortalMessages.error(text.get("smsEndpoint.quiet.invalid"));
            return;
        }
        Integer interval = whole(intervalMinutes, 1, SmsFhirFeed.MAX_INTERVAL_MINUTES);
        Integer horizon = whole(horizonDays, 1, SmsFhirFeed.MAX_HORIZON_DAYS);
        if (interval == null || horizon == null) {
            PortalMessages.error(text.get("smsEndpoint.interval.invalid"));
            return;
        }
        try {
            String topic = subscriptionTopic == null ? "" : subscriptionTopic.strip();
            String topicNow = feedSource.subscription() == null ? "" : feedSource.subscription().topic();
            if (!java.util.Objects.equals(source, feedSource.source()) && source != null || interval != feedSource.intervalMinutes()
                    || horizon != feedSource.horizonDays() || !topic.equals(topicNow)) {
                feedSource = fhirFeed.choose(currentUser.actor(), organizationId, endpointSummary.id(),
                        new FhirFeedChange(source, interval, horizon, topic.equals(topicNow) ? null : topic));
                show(feedSource);
            }
            settings = feed.save(currentUser.actor(), organizationId, endpointSummary.id(), new EndpointSmsChange(
                    confirmation, minutes, numberId == null || numberId.isBlank() ? null : UUID.fromString(numberId),
                    region, language, zone, sendingFacility == null || sendingFacility.isBlank() ? null
                    : sendingFacility.strip(), quietFrom, quietUntil));
            show(settings);
            PortalMessages.info(text.get("smsEndpoint.saved"));
        } catch (RuntimeException refused) {
            PortalMessages.refused(refused);
        }
    }

    /** A whole number typed within [min, max], or null. */
    static Integer whole(String typed, int min, int max) {
        try {
            int n = Integer.parseInt(typed == null ? "" : typed.strip());
            return n < min || n > max ? null : n;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The reminders as typed ("1440, 15"), or {@code null} when they are not whole minutes within the limits. */
    List<Integer> reminderMinutes() {
        List<Integer> minutes = new ArrayList<>();
        String typed = reminders == null ? "" : reminders.strip();
        if (typed.isEmpty()) {
            return minutes;
        }
        for (String part : typed.split("[,;\\s]+")) {
            try {
                int m = Integer.parseInt(part);
                if (m < 1 || m > SmsEndpointSettings.MAX_REMINDER_MINUTES) {
                    return null;
                }
                if (!minutes.contains(m)) {
                    minutes.add(m);
                }
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return minutes.size() > SmsEndpointSettings.MAX_REMINDERS ? null : minutes;
    }

    public void makeFeedSecret() {
        try {
            newSecret = feed.newFeedSecret(currentUser.actor(), organizationId, endpointSummary.id());
            settings = feed.settings(currentUser.actor(), organizationId, endpointSummary.id());
            PortalMessages.info(text.get("smsEndpoint.secret.made"));
        } catch (RuntimeException refused) {
            PortalMessages.refused(refused);
        }
    }

    /** Takes the pasted certificate (PEM) of the EHR's interface engine; refusals in the viewer's language. */
    public void uploadCertificate() {
        String pem = certificatePem == null ? "" : certificatePem.strip();
        if (pem.isEmpty()) {
            PortalMessages.error(text.get("smsEndpoint.certificate.empty"));
            return;
        }
        try {
            settings = feed.uploadFeedCertificate(currentUser.actor(), organizationId, endpointSummary.id(),
                    pem.getBytes(StandardCharsets.US_ASCII));
            certificatePem = null;
            PortalMessages.info(text.get("smsEndpoint.certificate.done"));
        } catch (RuntimeException refused) {
            PortalMessages.refused(refused);
        }
    }

    public void removeCertificate() {
        try {
            settings = feed.removeFeedCertificate(currentUser.actor(), organizationId, endpointSummary.id());
            PortalMessages.info(text.get("smsEndpoint.certificate.gone"));
        } catch (RuntimeException refused) {
            PortalMessages.refused(refused);
        }
    }

    public boolean isKnown() {
        return settings != null && endpointSummary != null;
    }

    public boolean isMayChange() {
        return organizationId != null && currentUser.actor().hasRoleIn(Role.ORG_ADMIN, organizationId);
    }

    public String getEndpointName() {
        return endpointSummary == null ? "" : endpointSummary.displayName();
    }

    /** A message language as a word in the viewer's language. */
    public String languageName(String code) {
        return text.get("smsEndpoint.language." + code);
    }

    public List<String> getLanguages() {
        return List.of("en", "zh-CN", "zh-TW", "ru");
    }

    public List<SmsNumberView> getNumbers() {
        return numbers;
    }

    public EndpointSmsView getSettings() {
        return settings;
    }

    /** The endpoint's certificate for the HTTPS feed, or null. */
    public FeedCertificateView getCertificate() {
        return settings == null ? null : settings.feedCertificate();
    }

    public FeedSecretView getNewSecret() {
        return newSecret;
    }

    public String getCertificatePem() {
        return certificatePem;
    }

    public void setCertificatePem(String certificatePem) {
        this.certificatePem = certificatePem;
    }

    public String getOrg() {
        return org;
    }

    public void setOrg(String org) {
        this.org = org;
    }

    public String getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(String endpoint) {
        this.endpoint = endpoint;
    }

    public UUID getOrganizationId() {
        return organizationId;
    }

    public boolean isConfirmation() {
        return confirmation;
    }

    public void setConfirmation(boolean confirmation) {
        this.confirmation = confirmation;
    }

    public String getReminders() {
        return reminders;
    }

    public void setReminders(String reminders) {
        this.reminders = reminders;
    }

    public String getNumberId() {
        return numberId;
    }

    public void setNumberId(String numberId) {
        this.numberId = numberId;
    }

    public String getPhoneRegion() {
        return phoneRegion;
    }

    public void setPhoneRegion(String phoneRegion) {
        this.phoneRegion = phoneRegion;
    }

    public String getLanguage() {
        return language;
    }

    public void setLanguage(String language) {
        this.language = language;
    }

    public String getQuietFrom() {
        return quietFrom;
    }

    public void setQuietFrom(String quietFrom) {
        this.quietFrom = quietFrom;
    }

    public String getQuietUntil() {
        return quietUntil;
    }

    public void setQuietUntil(String quietUntil) {
        this.quietUntil = quietUntil;
    }

    public String getTimeZone() {
        return timeZone;
    }

    public void setTimeZone(String timeZone) {
        this.timeZone = timeZone;
    }

    public String getSource() {
        return source;
    }

    public void setSource(String source) {
        this.source = source;
    }

    public String getIntervalMinutes() {
        return intervalMinutes;
    }

    public void setIntervalMinutes(String intervalMinutes) {
        this.intervalMinutes = intervalMinutes;
    }

    public String getHorizonDays() {
        return horizonDays;
    }

    public void setHorizonDays(String horizonDays) {
        this.horizonDays = horizonDays;
    }

    public String getSubscriptionTopic() {
        return subscriptionTopic;
    }

    public void setSubscriptionTopic(String subscriptionTopic) {
        this.subscriptionTopic = subscriptionTopic;
    }

    public String getSendingFacility() {
        return sendingFacility;
    }

    public void setSendingFacility(String sendingFacility) {
        this.sendingFacility = sendingFacility;
    }
}
