package org.openvisit.notify.interfaces.rest;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openvisit.shared.interfaces.rest.ApiTags;
import org.openvisit.notify.application.CertificateSignature;
import org.openvisit.notify.application.FeedAnswer;
import org.openvisit.notify.application.FeedSignature;
import org.openvisit.notify.application.SmsFeedService;

import java.util.UUID;

/**
 * The EHR's HL7v2 SIU appointment feed over HTTPS: one message per POST, signed with the endpoint's shared secret
 * ({@code X-OpenVisit-Signature: sha256=<hex HMAC-SHA256 of the body>}) or by the private key of the endpoint's uploaded
 * certificate ({@code X-OpenVisit-Timestamp: <Unix seconds>}, {@code X-OpenVisit-Signature: rsa-sha256=<base64>} or
 * {@code ecdsa-sha256=<base64>} over {@code <timestamp>.<body>}); open without sign-in, the signature is the check.
 * The answer is always an HL7 acknowledgement: 200 with AA (applied, or received before), or AE/AR with the reason in
 * MSA-3 and ERR and a status: 401 bad signature (or an expired certificate, or a stale timestamp), 404 no SMS feed
 * for this endpoint, 409 a change that cannot apply, 503 with {@code Retry-After} when nothing was wrong with the
 * message but it could not be stored just then (send it again), 400 otherwise.
 */
@Path("feeds/hl7v2/{endpointId}")
@RequestScoped
@SecurityRequirementsSet // open: no account (the call checks its own signature or secret, or needs none)
@Tag(name = ApiTags.SMS)
public class Hl7FeedResource {

    public static final String HL7_V2 = "application/hl7-v2";
    /** A region move or a store coming back takes seconds to minutes; a race with another node is over at once. */
    static final int RETRY_AFTER_SECONDS = 30;

    @EJB
    private SmsFeedService feed;

    @POST
    @Consumes({HL7_V2, "text/plain", "application/octet-stream", "x-application/hl7-v2+er7"})
    @Produces(HL7_V2)
    @Operation(operationId = "receiveHl7v2Message",
            summary = "Receive one HL7v2 SIU message (S12, S13, S14, S15, S17, S26) from the endpoint's EHR, "
            + "signed with the endpoint's feed secret or its certificate's private key; answered with an HL7 ACK (AA, "
            + "AE or AR with the reason)")
    public Response receive(@PathParam("endpointId") String endpointId,
                            @HeaderParam(FeedSignature.HEADER) String signature,
                            @HeaderParam(CertificateSignature.TIMESTAMP_HEADER) String timestamp, byte[] body) {
        UUID endpoint;
        try {
            endpoint = UUID.fromString(endpointId);
        } catch (IllegalArgumentException e) {
            endpoint = new UUID(0, 0);
        }
        FeedAnswer answer = feed.receiveSigned(endpoint, body == null ? new byte[0] : body, signature,
                timestamp);
        int status = status(answer);
        Response.ResponseBuilder response = Response.status(status).type(HL7_V2).entity(answer.ack())
                .header("X-OpenVisit-Feed-Result", answer.result().name());
        if (status == 503) {
            // an interface engine that honours HTTP resends after this; one that reads only the ACK sees AE
            response.header("Retry-After", RETRY_AFTER_SECONDS);
        }
        return response.build();
    }

    /** The HTTP status that goes with the acknowledgement. */
    static int status(FeedAnswer answer) {
        return answer.accepted() ? 200 : switch (answer.reason()) {
            case BAD_SIGNATURE -> 401;
            case UNKNOWN_ENDPOINT -> 404;
            case NOT_APPLICABLE -> 409;
            case TRY_AGAIN -> 503;
            default -> 400;
        };
    }
}
