package org.openvisit.sandbox.screen;

import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Identifier;
import org.openvisit.sandbox.apps.AppOrigin;
import org.openvisit.sandbox.apps.AppRegistration;
import org.openvisit.sandbox.apps.AppRegistry;
import org.openvisit.sandbox.apps.LaunchBehaviour;
import org.openvisit.sandbox.web.RequestOrigin;
import org.openvisit.sandbox.contextlink.ContextLinkCipher;
import org.openvisit.sandbox.contextlink.ContextLinkClaims;
import org.openvisit.sandbox.oauth.LaunchContext;
import org.openvisit.sandbox.oauth.LaunchContexts;
import org.openvisit.sandbox.oauth.Urls;
import org.openvisit.sandbox.records.FhirRecords;
import org.openvisit.sandbox.records.SampleRecords;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;

/**
 * What "Begin virtual visit" does: works out the launch context of an appointment for a user and
 * builds the URL that starts the app, as the app's registration says (SMART EHR launch or encrypted
 * context link).
 */
public class EhrLauncher {

    /** How long an encrypted context link stays valid, as Epic's default. */
    public static final Duration CONTEXT_LINK_VALIDITY = Duration.ofMinutes(5);

    private final FhirRecords records;
    private final AppRegistry apps;
    private final AppOrigin appOrigin;
    private final LaunchContexts launches;
    private final Clock clock;

    public EhrLauncher(FhirRecords records, AppRegistry apps, AppOrigin appOrigin, LaunchContexts launches, Clock clock) {
        this.records = records;
        this.apps = apps;
        this.appOrigin = appOrigin;
        this.launches = launches;
        this.clock = clock;
    }

    /**
     * @param user          {@code Practitioner/<id>} or {@code Patient/<id>}
     * @param fhirBase      the sandbox's FHIR base (the {@code iss})
     * @param requestOrigin the origin the EHR screen was opened on
     * @throws IllegalArgumentException for an unknown app, appointment or user, or an app without a launch URL
     */
    public String launchUrl(String clientId, String appointmentId, String user, String fhirBase, String requestOrigin) {
        return launchUrl(clientId, appointmentId, user, fhirBase, requestOrigin, Set.of(), null);
    }

    /**
     * @param behaviours how this launch behaves, added to the app's own {@link AppRegistration#launchBehaviours()}
     * @param launchUrl  the app URL to open instead of the registered one (e.g. an organization's own launch URL when
     *                   several organizations share this EHR); {@code null}: the registration's, the patient launch URL
     *                   for a patient when it has one
     */
    public String launchUrl(String clientId, String appointmentId, String user, String fhirBase, String requestOrigin,
                            Set<LaunchBehaviour> behaviours, String launchUrl) {
        AppRegistration app = apps.find(clientId).orElseThrow(() -> new IllegalArgumentException("unknown app " + clientId));
        Appointment appointment = (Appointment) records.read("Appointment", appointmentId)
                .orElseThrow(() -> new IllegalArgumentException("unknown appointment " + appointmentId));
        if (user == null || !user.matches("(Practitioner|Patient)/.+")
                || records.read(user.substring(0, user.indexOf('/')), user.substring(user.indexOf('/') + 1)).isEmpty()) {
            throw new IllegalArgumentException("unknown user " + user);
        }
        Set<LaunchBehaviour> all = EnumSet.noneOf(LaunchBehaviour.class);
        all.addAll(app.launchBehaviours());
        all.addAll(behaviours);
        LaunchContext base = contextOf(appointment, user);
        LaunchContext context = new LaunchContext(base.user(), base.patient(), base.encounter(), base.appointment(),
                base.department(), base.needPatientBanner(), all);
        String iss = all.contains(LaunchBehaviour.V1_ONLY_SCOPES) && fhirBase.endsWith("/fhir")
                ? fhirBase.substring(0, fhirBase.length() - "/fhir".length()) + RequestOrigin.V1_PATH : fhirBase;
        String appUrl = launchUrl != null && !launchUrl.isBlank() ? launchUrl
                : !context.providerLaunch() && app.patientLaunchUrl() != null ? app.patientLaunchUrl() : app.launchUrl();
        return switch (app.launchStyle()) {
            case SMART_EHR_LAUNCH -> Urls.withQuery(required(appUrl, app, requestOrigin),
                    "iss", iss, "launch", launches.open(context, app.clientId()));
            case CONTEXT_LINK -> Urls.withQuery(required(app.contextLinkUrl(), app, requestOrigin),
                    "token", contextLink(app, appointment, context, fhirBase));
        };
    }

    LaunchContext contextOf(Appointment appointment, String user) {
        String appointmentId = appointment.getIdElement().getIdPart();
        String encounter = records.all("Encounter").stream().map(Encounter.class::cast)
                .filter(e -> e.getAppointment().stream().anyMatch(r -> ("Appointment/" + appointmentId).equals(r.getReference())))
                .map(e -> e.getIdElement().getIdPart()).findFirst().orElse(null);
        return new LaunchContext(user, actor(appointment, "Patient/"), encounter, appointmentId,
                actor(appointment, "Location/"), false);
    }

    private String contextLink(AppRegistration app, Appointment appointment, LaunchContext context, String fhirBase) {
        if (app.contextKey() == null || app.contextKeyId() == null) {
            throw new IllegalArgumentException("app " + app.clientId() + " has no context-link key");
        }
        String sessionId = appointment.getIdentifier().stream().filter(i -> SampleRecords.APPOINTMENT_SYSTEM.equals(i.getSystem()))
                .map(Identifier::getValue).findFirst().orElse(context.appointment());
        Instant now = clock.instant();
        ContextLinkClaims claims = new ContextLinkClaims(fhirBase, sessionId, context.appointment(), context.encounter(),
                context.patient(), context.user(), context.providerLaunch() ? "provider" : "patient", context.department(),
                now, now, now.plus(CONTEXT_LINK_VALIDITY));
        return ContextLinkCipher.encrypt(claims, app.contextKeyId(), Base64.getDecoder().decode(app.contextKey()));
    }

    private String required(String url, AppRegistration app, String requestOrigin) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("app " + app.clientId() + " has no launch URL for " + app.launchStyle());
        }
        return appOrigin.resolve(url, requestOrigin);
    }

    private static String actor(Appointment appointment, String typePrefix) {
        return appointment.getParticipant().stream().map(p -> p.getActor().getReference())
                .filter(r -> r != null && r.startsWith(typePrefix))
                .map(r -> r.substring(typePrefix.length())).findFirst().orElse(null);
    }
}
