package org.openvisit.notify.application;

import org.openvisit.shared.infrastructure.LogText;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.openvisit.notify.domain.model.InvalidPatientNumberException;
import org.openvisit.notify.domain.model.PatientMobile;
import org.openvisit.region.application.RegionUnavailableException;
import org.openvisit.secrets.MasterKey;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The EHR's HL7v2 SIU appointment feed, over HTTPS (signed with the endpoint's shared secret or by the private key
 * of its uploaded certificate) and MLLP (the endpoint
 * named by the sending facility, MSH-4): checks, reads and applies each message ({@link SmsFeedWork}) and answers
 * with an HL7 acknowledgement. A message with a control id the endpoint sent before is answered AA again and changes
 * nothing. A refused message (unparseable, unknown endpoint, bad signature, no or invalid mobile number, a change
 * that cannot apply) is answered AE/AR with the reason, stores nothing, and is counted in the metric
 * {@code sms_feed_messages} (tags result, reason). Logs name the endpoint and control id, never a number.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SmsFeedService {

    /** The sealing purpose of an endpoint's feed secret (bound to the endpoint). */
    public static final String SECRET_PURPOSE = "sms-feed-secret:";
    private static final Logger LOG = Logger.getLogger(SmsFeedService.class.getName());

    @EJB
    private SmsFeedLookup lookup;

    @EJB
    private SmsFeedWork work;

    @jakarta.ejb.EJB
    private org.openvisit.region.application.RegionMoves regionMoves;

    @Inject
    private SiuCodec codec;

    @Inject
    private SmsPhones phones;

    @Inject
    private MasterKey masterKey;

    @Inject
    private MetricRegistry metrics;

    @EJB
    private FeedRefusals refusals;

    /** Facilities mapped to endpoints for MLLP, {@code FACILITY=endpoint-id,…} (beside each endpoint's own setting). */
    @Inject
    @ConfigProperty(name = "openvisit.sms.mllp.facilities")
    private Optional<String> facilities;

    private final Clock clock = Clock.systemUTC();

    /**
     * A message POSTed to the endpoint's HTTPS feed with its signature header: {@code sha256=} is checked against the
     * feed secret ({@link FeedSignature}), {@code rsa-sha256=} / {@code ecdsa-sha256=} with its timestamp against the
     * uploaded certificate ({@link CertificateSignature}); an endpoint with both takes either.
     */
    public FeedAnswer receiveSigned(UUID endpointId, byte[] body, String signature, String timestamp) {
        String text = new String(body, StandardCharsets.UTF_8);
        FeedEndpoint endpoint = null;
        try {
            endpoint = lookup.byEndpoint(endpointId).orElseThrow(() -> new FeedRefusal(
                    FeedRefusal.Reason.UNKNOWN_ENDPOINT, "No SMS feed is set up for this endpoint."));
            if (endpoint.sealedSecret().isEmpty() && endpoint.certificate().isEmpty()) {
                throw new FeedRefusal(FeedRefusal.Reason.UNKNOWN_ENDPOINT, "The endpoint has no feed secret and no "
                        + "certificate yet: its administrator sets one up on the SMS page.");
            }
            if (CertificateSignature.names(signature)) {
                checkCertificate(endpoint, body, signature, timestamp);
            } else {
                checkSecret(endpoint, body, signature);
            }
            return apply(endpoint, codec.read(text), text, "HTTPS");
        } catch (FeedRefusal refusal) {
            return refused(text, refusal, "HTTPS", endpoint);
        }
    }

    private void checkSecret(FeedEndpoint endpoint, byte[] body, String signature) {
        String sealed = endpoint.sealedSecret().orElseThrow(() -> new FeedRefusal(FeedRefusal.Reason.BAD_SIGNATURE,
                "The endpoint has no feed secret, only a certificate: sign the message with the interface engine's "
                        + "private key (" + FeedSignature.HEADER + ": rsa-sha256=... or ecdsa-sha256=..., with "
                        + CertificateSignature.TIMESTAMP_HEADER + ")."));
        String secret = new String(masterKey.sealer().unseal(SECRET_PURPOSE + endpoint.endpointId(), sealed),
                StandardCharsets.UTF_8);
        if (!FeedSignature.verify(secret, body, signature)) {
            throw new FeedRefusal(FeedRefusal.Reason.BAD_SIGNATURE, "The signature (" + FeedSignature.HEADER
                    + ") is missing or does not match the message and the endpoint's secret.");
        }
    }

    private void checkCertificate(FeedEndpoint endpoint, byte[] body, String signature, String timestamp) {
        String stored = endpoint.certificate().orElseThrow(() -> new FeedRefusal(FeedRefusal.Reason.BAD_SIGNATURE,
                "The endpoint has no certificate, only a feed secret: sign the message with the secret ("
                        + FeedSignature.HEADER + ": sha256=<hex HMAC-SHA256 of the body>)."));
        FeedCertificate certificate = FeedCertificate.stored(stored).orElseThrow(() -> new FeedRefusal(
                FeedRefusal.Reason.BAD_SIGNATURE, "The endpoint's certificate cannot be read; its administrator "
                + "uploads it again."));
        CertificateSignature.verify(certificate, body, signature, timestamp, clock.instant());
    }

    /** A message that came over MLLP (the listener checked the source address). */
    public FeedAnswer receiveMllp(String text) {
        FeedEndpoint endpoint = null;
        try {
            SiuMessage peek = codec.read(text);
            endpoint = lookup.byFacility(peek.sendingFacility())
                    .or(() -> mapped(peek.sendingFacility()).flatMap(lookup::byEndpoint))
                    .orElseThrow(() -> new FeedRefusal(FeedRefusal.Reason.UNKNOWN_ENDPOINT, "No endpoint is set up "
                            + "for the sending facility (MSH-4) of this message."));
            return apply(endpoint, peek, text, "MLLP");
        } catch (FeedRefusal refusal) {
            return refused(text, refusal, "MLLP", endpoint);
        }
    }

    private Optional<UUID> mapped(String facility) {
        if (facility == null || facilities.isEmpty()) {
            return Optional.empty();
        }
        return Arrays.stream(facilities.get().split(",")).map(String::strip).map(p -> p.split("=", 2))
                .filter(p -> p.length == 2 && p[0].strip().equals(facility)).findFirst().flatMap(p -> {
                    try {
                        return Optional.of(UUID.fromString(p[1].strip()));
                    } catch (IllegalArgumentException e) {
                        return Optional.empty();
                    }
                });
    }

    /** Applies the message, parsed once by the caller. */
    private FeedAnswer apply(FeedEndpoint endpoint, SiuMessage message, String text, String channel) {
        FeedAnswer.Result result = take(endpoint, message, "SMS feed (" + channel + "): message "
                + LogText.of(message.controlId(), 40));
        count(result.name(), "none");
        LOG.info(() -> "SMS feed (" + channel + "): message " + LogText.of(message.controlId(), 40) + " " + message.event().trigger()
                + " for endpoint " + endpoint.endpointId() + ": " + result);
        String note = switch (result) {
            case DUPLICATE -> "This message was received before; nothing changed.";
            case IGNORED -> "No appointment with this id is known; nothing to do.";
            default -> "Applied.";
        };
        return new FeedAnswer(result, null, note, codec.accept(text));
    }

    /**
     * An appointment read from the EHR's FHIR API ({@link FhirFeedRun}), as an SIU message: the same checks,
     * sealing, dedup (its control id names the appointment's version) and schedule as the HL7v2 feed. Counted in
     * {@code sms_feed_messages} like a message; logged by nobody (the run logs only counts).
     *
     * @throws FeedRefusal refused, with the reason (TRY_AGAIN: nothing stored, send it again later)
     */
    public FeedAnswer.Result receiveFhir(FeedEndpoint endpoint, SiuMessage message) {
        try {
            FeedAnswer.Result result = take(endpoint, message, "SMS feed (FHIR): an appointment");
            count(result.name(), "none");
            return result;
        } catch (FeedRefusal refusal) {
            count(FeedAnswer.Result.REFUSED.name(), refusal.reason().name());
            countFor(endpoint, refusal.reason());
            throw refusal;
        }
    }

    /** Seals the number and applies the message in the organization's region ({@link SmsFeedWork}). */
    private FeedAnswer.Result take(FeedEndpoint endpoint, SiuMessage message, String logName) {
        if (regionMoves.pausedOrganizations().contains(endpoint.organizationId())) {
            // not refused for good: the sender tries again (AE; HTTPS 503) once the organization's data has moved
            throw new FeedRefusal(FeedRefusal.Reason.TRY_AGAIN, "The organization's data is being moved to another "
                    + "region; send the message again later.");
        }
        String sealed = null;
        String hash = null;
        if (message.phone() != null) {
            PatientMobile mobile;
            try {
                mobile = PatientMobile.parse(message.phone(), endpoint.phoneRegion());
            } catch (InvalidPatientNumberException e) {
                throw new FeedRefusal(FeedRefusal.Reason.INVALID_NUMBER, e.getMessage());
            }
            phones.warm();
            sealed = phones.seal(endpoint.organizationId(), mobile);
            hash = phones.hash(endpoint.organizationId(), mobile);
        }
        String clinicianSealed = message.clinician() == null ? null
                : phones.sealClinician(endpoint.organizationId(), message.clinician());
        try {
            return work.apply(endpoint, message, sealed, hash, clinicianSealed, clock.instant());
        } catch (RegionUnavailableException e) {
            // not refused for good: the sender tries again (AE) and nothing was stored
            throw new FeedRefusal(FeedRefusal.Reason.TRY_AGAIN, "The organization's data store is not available "
                    + "now; send the message again later.");
        } catch (jakarta.ejb.EJBException e) {
            // another node applied the same message (or booked the same appointment) at the same moment: the unique
            // keys refused this one and it rolled back; sent again, it is answered as a duplicate or applied
            LOG.warning(() -> logName + " for endpoint " + endpoint.endpointId() + " rolled back: "
                    + e.getClass().getSimpleName());
            throw new FeedRefusal(FeedRefusal.Reason.TRY_AGAIN, "The message could not be stored this time (it met "
                    + "another change of the same appointment); send it again.");
        }
    }

    private FeedAnswer refused(String text, FeedRefusal refusal, String channel, FeedEndpoint endpoint) {
        count(FeedAnswer.Result.REFUSED.name(), refusal.reason().name());
        countFor(endpoint, refusal.reason());
        LOG.info(() -> "SMS feed (" + channel + "): message refused (" + refusal.reason() + "): "
                + refusal.getMessage());
        return new FeedAnswer(FeedAnswer.Result.REFUSED, refusal.reason(), refusal.getMessage(),
                codec.refuse(text, refusal));
    }

    /**
     * Counts the refusal in the database for the endpoint's SMS page (a message that names no endpoint with an SMS
     * feed has no page to be shown on: the metric alone counts it). Two nodes starting the same count at once: the
     * second insert fails and counting again adds to the row the first made. A count that still fails is logged and
     * does not change the sender's answer.
     */
    private void countFor(FeedEndpoint endpoint, FeedRefusal.Reason reason) {
        if (endpoint == null) {
            return;
        }
        for (int attempt = 1; attempt <= 2; attempt++) {
            try {
                refusals.count(endpoint.endpointId(), endpoint.organizationId(), reason);
                return;
            } catch (RuntimeException e) {
                if (attempt == 2) {
                    LOG.warning(() -> "SMS feed: a refusal of endpoint " + endpoint.endpointId() + " was not counted ("
                            + e.getClass().getSimpleName() + ")");
                }
            }
        }
    }

    private void count(String result, String reason) {
        metrics.counter("sms.feed.messages", new Tag("result", result.toLowerCase()),
                new Tag("reason", reason.toLowerCase())).inc();
    }
}
