package org.openvisit.notify.interfaces.rest;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openvisit.shared.interfaces.rest.ApiTags;
import org.openvisit.identity.interfaces.rest.ApiCaller;
import org.openvisit.notify.application.EndpointSmsChange;
import org.openvisit.notify.application.EndpointSmsView;
import org.openvisit.notify.application.FeedSecretView;
import org.openvisit.notify.application.FhirFeedChange;
import org.openvisit.notify.application.FhirFeedSetupService;
import org.openvisit.notify.application.FhirFeedView;
import org.openvisit.notify.application.SmsFeedSetupService;

import java.util.UUID;

/**
 * One endpoint's SMS settings: confirmations, reminders, sending number, language, time zone, the patients' numbers'
 * country, the MLLP sending facility, and the HTTPS feed's checks: its secret (made here, shown once) and the
 * certificate of the EHR's interface engine (uploaded here).
 */
@Path("organizations/{organizationId}/sms/endpoints/{endpointId}")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiTags.SMS)
public class SmsEndpointSettingsResource {

    @EJB
    private SmsFeedSetupService setup;

    @EJB
    private FhirFeedSetupService fhirFeed;

    @Inject
    private ApiCaller caller;

    @GET
    @Operation(operationId = "readSmsEndpointSettings",
            summary = "The endpoint's SMS settings (the defaults when none are saved)")
    public EndpointSmsView read(@PathParam("organizationId") String organizationId,
                                @PathParam("endpointId") String endpointId) {
        return setup.settings(caller.actor(), SmsPathIds.organization(organizationId), SmsPathIds.endpoint(endpointId));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "saveSmsEndpointSettings",
            summary = "Change the endpoint's SMS settings",
            description = "Body: {confirmation: true, reminderMinutes: [1440, 15], numberId, phoneRegion: US, "
                    + "language: en|zh-CN|zh-TW|ru, timeZone: America/New_York, sendingFacility: MSH-4 value, "
                    + "quietFrom: \"21:00\", quietUntil: \"08:00\" (both or neither; in timeZone)}")
    public EndpointSmsView save(@PathParam("organizationId") String organizationId,
                                @PathParam("endpointId") String endpointId, EndpointSmsChange body) {
        UUID organization = SmsPathIds.organization(organizationId);
        return setup.save(caller.actor(), organization, SmsPathIds.endpoint(endpointId), body == null
                ? new EndpointSmsChange(null, null, null, null, null, null, null, null, null) : body);
    }

    @POST
    @Path("feed-secret")
    @Operation(summary = "Make a new secret for the endpoint's HTTPS HL7v2 feed (shown this once; the old one stops "
            + "working)")
    public FeedSecretView newSecret(@PathParam("organizationId") String organizationId,
                                    @PathParam("endpointId") String endpointId) {
        UUID organization = SmsPathIds.organization(organizationId);
        return setup.newFeedSecret(caller.actor(), organization, SmsPathIds.endpoint(endpointId));
    }

    @PUT
    @Path("feed-certificate")
    @Consumes({"application/x-pem-file", "application/pkix-cert", "application/x-x509-ca-cert",
            MediaType.APPLICATION_OCTET_STREAM, MediaType.TEXT_PLAIN})
    @Operation(summary = "Upload the X.509 certificate of the EHR's interface engine for the HTTPS HL7v2 feed",
            description = "Body: the certificate alone, PEM (BEGIN CERTIFICATE) or DER (.cer, .crt), at most 16 kB. "
                    + "Refused (400, in the caller's language): not one certificate, a private key in the file, "
                    + "expired or not yet valid, a key other than RSA of at least 2048 bits or EC on P-256 or P-384. "
                    + "Replaces the one before; the feed then takes messages signed by its private key "
                    + "(X-OpenVisit-Signature: rsa-sha256=… or ecdsa-sha256=…, with X-OpenVisit-Timestamp). The "
                    + "answer is the endpoint's settings with the certificate's subject, issuer, validity and SHA-256 "
                    + "fingerprint.")
    public EndpointSmsView uploadCertificate(@PathParam("organizationId") String organizationId,
                                             @PathParam("endpointId") String endpointId, byte[] body) {
        UUID organization = SmsPathIds.organization(organizationId);
        return setup.uploadFeedCertificate(caller.actor(), organization, SmsPathIds.endpoint(endpointId), body);
    }

    @DELETE
    @Path("feed-certificate")
    @Operation(summary = "Remove the certificate of the EHR's interface engine: messages signed by its key are "
            + "refused from now on (the feed secret, if set, still works)")
    public EndpointSmsView removeCertificate(@PathParam("organizationId") String organizationId,
                                             @PathParam("endpointId") String endpointId) {
        UUID organization = SmsPathIds.organization(organizationId);
        return setup.removeFeedCertificate(caller.actor(), organization, SmsPathIds.endpoint(endpointId));
    }

    @GET
    @Path("feed-source")
    @Operation(summary = "Where the endpoint's appointments come from (HL7V2 or FHIR_POLLING) and how the FHIR poll "
            + "stands: cursor, last run, what it took in and skipped, the failure in words; updates: SUBSCRIPTION, POLLING "
            + "or HL7V2, and the FHIR Subscription's state")
    public FhirFeedView feedSource(@PathParam("organizationId") String organizationId,
                                   @PathParam("endpointId") String endpointId) {
        return fhirFeed.feed(caller.actor(), SmsPathIds.organization(organizationId), SmsPathIds.endpoint(endpointId));
    }

    @PUT
    @Path("feed-source")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Choose where the endpoint's appointments come from",
            description = "Body: {source: HL7V2|FHIR_POLLING, intervalMinutes: 5 (1-1440), horizonDays: 14 (1-90), "
                    + "subscriptionTopic: the canonical URL of the EHR's appointment SubscriptionTopic (\"\": none, "
                    + "polling only; left out: as before)}. FHIR polling needs a phone number linked to the endpoint; "
                    + "the first poll is due at once; with a topic, OpenVisit keeps a rest-hook Subscription at the "
                    + "EHR and the answer's subscription says how it stands.")
    public FhirFeedView chooseFeedSource(@PathParam("organizationId") String organizationId,
                                         @PathParam("endpointId") String endpointId, FhirFeedChange body) {
        UUID organization = SmsPathIds.organization(organizationId);
        return fhirFeed.choose(caller.actor(), organization, SmsPathIds.endpoint(endpointId), body == null
                ? new FhirFeedChange(null, null, null, null) : body);
    }
}
