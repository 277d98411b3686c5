package org.openvisit.notify.interfaces.rest;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openvisit.shared.interfaces.rest.ApiTags;
import org.openvisit.notify.application.FhirSubscriptionReceiver;
import org.openvisit.notify.application.FhirSubscriptionSettings;
import org.openvisit.notify.application.NoticeAnswer;
import org.openvisit.notify.application.NoticeFlood;
import org.openvisit.notify.application.NoticeRefusal;
import org.openvisit.notify.application.SubscriptionNotices;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * The rest-hook receiver of OpenVisit's FHIR Subscriptions ({@code POST /api/fhir/subscriptions/{hookId}}, open
 * without sign-in: the random address and the secret header are the check). Answers are FHIR OperationOutcomes
 * ({@code application/fhir+json}): 200 for a handshake, heartbeat or event notification taken; 400 not FHIR JSON,
 * 401 wrong or missing secret, 404 no such Subscription, 413 too large, 415 not a JSON media type, 422 a Bundle that
 * is no notification (or of another Subscription), 429 a flood (with Retry-After). A refused notification changes
 * nothing.
 */
@Path("fhir/subscriptions/{hookId}")
@RequestScoped
@SecurityRequirementsSet // open: no account (the call checks its own signature or secret, or needs none)
@Tag(name = ApiTags.SMS)
public class FhirSubscriptionResource {

    static final String FHIR_JSON = "application/fhir+json";

    @EJB
    private FhirSubscriptionReceiver receiver;

    @jakarta.inject.Inject
    private NoticeFlood flood;

    @POST
    @Operation(operationId = "receiveFhirSubscriptionNotification",
            summary = "Receive a FHIR Subscription notification (Subscriptions Backport IG, R4: a history Bundle "
            + "whose first entry is the SubscriptionStatus Parameters; handshake, heartbeat or id-only "
            + "event-notification) from the EHR, with the Subscription's secret in the "
            + FhirSubscriptionSettings.SECRET_HEADER + " header")
    public Response receive(@PathParam("hookId") String hookId,
                            @HeaderParam(FhirSubscriptionSettings.SECRET_HEADER) String secret,
                            @HeaderParam("Content-Type") String contentType, InputStream body) {
        try {
            if (!json(contentType)) {
                return outcome(415, "error", "not-supported", "A notification is FHIR JSON (" + FHIR_JSON + ").");
            }
            NoticeAnswer answer = receiver.receive(hookId, secret, read(body));
            return outcome(200, "information", "informational", "Taken: " + answer.kind().name().toLowerCase(Locale.ROOT)
                    .replace('_', '-') + (answer.taken() + answer.skipped() > 0 ? ", " + answer.taken()
                    + " appointment(s) taken in, " + answer.skipped() + " skipped" : "")
                    + (answer.pollAsked() ? "; OpenVisit polls the EHR now" : "") + ".");
        } catch (NoticeRefusal refusal) {
            return refused(refusal);
        }
    }

    private Response refused(NoticeRefusal refusal) {
        Response.ResponseBuilder r = switch (refusal.reason()) {
            case UNKNOWN_SUBSCRIPTION -> Response.status(404);
            case BAD_SECRET -> Response.status(401);
            case TOO_LARGE -> Response.status(413);
            case NOT_FHIR -> Response.status(400);
            case NOT_A_NOTIFICATION, OTHER_SUBSCRIPTION -> Response.status(422);
            case FLOOD -> Response.status(429).header("Retry-After", flood.retryAfterSeconds());
        };
        String code = switch (refusal.reason()) {
            case UNKNOWN_SUBSCRIPTION -> "not-found";
            case BAD_SECRET -> "security";
            case TOO_LARGE -> "too-costly";
            case FLOOD -> "throttled";
            case NOT_FHIR -> "structure";
            default -> "invalid";
        };
        return r.type(FHIR_JSON).entity(json("error", code, refusal.getMessage())).build();
    }

    /** The body, at most one byte more than the limit (so that "too large" is known without reading it all). */
    private static byte[] read(InputStream body) {
        if (body == null) {
            return new byte[0];
        }
        try {
            return body.readNBytes(SubscriptionNotices.MAX_BYTES + 1);
        } catch (IOException e) {
            throw new NoticeRefusal(NoticeRefusal.Reason.NOT_FHIR, "The notification's body could not be read.");
        }
    }

    private static boolean json(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.equals(FHIR_JSON) || type.equals("application/json") || type.equals("application/json+fhir");
    }

    private static Response outcome(int status, String severity, String code, String text) {
        return Response.status(status).type(FHIR_JSON).entity(json(severity, code, text)).build();
    }

    /** A FHIR OperationOutcome with one issue (the text written as a JSON string). */
    static String json(String severity, String code, String text) {
        return jakarta.json.Json.createObjectBuilder().add("resourceType", "OperationOutcome")
                .add("issue", jakarta.json.Json.createArrayBuilder().add(jakarta.json.Json.createObjectBuilder()
                        .add("severity", severity).add("code", code).add("diagnostics", text)))
                .build().toString();
    }
}
