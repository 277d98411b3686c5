package org.openvisit.notify.infrastructure.fhir;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openvisit.ehr.SmartSignInException;
import org.openvisit.ehr.backend.BackendServicesTokens;
import org.openvisit.ehr.fhir.FhirClientLimits;
import org.openvisit.ehr.fhir.FhirClients;
import org.openvisit.notify.application.EhrFeedException;
import org.openvisit.notify.domain.model.FhirFeedFailure;
import org.openvisit.writeback.application.DeliveryFailure;
import org.openvisit.writeback.application.EndpointAccess;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * One call of the SMS feed to an EHR's FHIR API (the poll's reads and the Subscription's upkeep alike): a client from
 * the {@code ehr} layer's one factory ({@link FhirClients}: timeouts, the outbound address policy, no redirects) with
 * a SMART Backend Services token of the given scopes; a 401 is tried once more with a new token; then 401 is
 * UNAUTHORIZED, 403 FORBIDDEN, 429/5xx/no connection UNAVAILABLE, no answer in time TIMEOUT, anything else
 * BAD_ANSWER — each an {@link EhrFeedException} with words for the SMS page (a {@link BaseServerResponseException}
 * the work itself catches, such as a 404 it expects, is the work's to answer).
 */
@ApplicationScoped
public class EhrFeedCalls {

    @Inject
    private FhirClients fhir;

    @Inject
    private BackendServicesTokens tokens;

    @Inject
    @ConfigProperty(name = "openvisit.sms.fhir.connect-timeout", defaultValue = "PT5S")
    private Duration connectTimeout;

    @Inject
    @ConfigProperty(name = "openvisit.sms.fhir.request-timeout", defaultValue = "PT20S")
    private Duration requestTimeout;

    /** Runs one call with a client; a 401 once more with a new token; failures in words. */
    public <T> T call(EndpointAccess access, String scope, String what, Function<IGenericClient, T> work) {
        try {
            try {
                return work.apply(client(access, scope));
            } catch (AuthenticationException first) {
                tokens.forget(access.endpointId());
                return work.apply(client(access, scope));
            }
        } catch (AuthenticationException e) {
            throw new EhrFeedException(FhirFeedFailure.UNAUTHORIZED, "The EHR's FHIR API did not accept OpenVisit's "
                    + "access token (HTTP 401) while " + what + ", even a new one. Check that the EHR gives OpenVisit's "
                    + "backend client access to this FHIR API.");
        } catch (FhirClientConnectionException e) {
            if (timedOut(e)) {
                throw new EhrFeedException(FhirFeedFailure.TIMEOUT, "The EHR did not answer within "
                        + requestTimeout.toSeconds() + " s while " + what + ".");
            }
            throw new EhrFeedException(FhirFeedFailure.UNAVAILABLE, "The EHR's FHIR API could not be reached while "
                    + what + ".");
        } catch (BaseServerResponseException e) {
            int status = e.getStatusCode();
            if (status == 403) {
                throw new EhrFeedException(FhirFeedFailure.FORBIDDEN, "The EHR refused OpenVisit's backend client "
                        + "(HTTP 403) while " + what + ": it needs the scopes " + scope + ".");
            }
            if (status == 429) {
                throw new EhrFeedException(FhirFeedFailure.UNAVAILABLE, "The EHR asked OpenVisit to slow down "
                        + "(HTTP 429) while " + what + ".", retryAfter(e.getResponseHeaders()));
            }
            if (status >= 500 || status == 408) {
                throw new EhrFeedException(FhirFeedFailure.UNAVAILABLE, "The EHR answered HTTP " + status + " while "
                        + what + ".", retryAfter(e.getResponseHeaders()));
            }
            throw new EhrFeedException(FhirFeedFailure.BAD_ANSWER, "The EHR answered HTTP " + status + " while "
                    + what + " (a search parameter it does not take?).");
        } catch (ca.uhn.fhir.parser.DataFormatException | ClassCastException e) {
            throw new EhrFeedException(FhirFeedFailure.BAD_ANSWER, "The EHR's answer was not readable FHIR while "
                    + what + ".");
        }
    }

    private IGenericClient client(EndpointAccess access, String scope) {
        try {
            return fhir.backendClient(access, new FhirClientLimits(connectTimeout, requestTimeout, 8, 2), scope);
        } catch (SmartSignInException refused) {
            throw new EhrFeedException(FhirFeedFailure.NOT_READY, refused.getMessage());
        } catch (DeliveryFailure failure) {
            FhirFeedFailure kind = failure.status() == 401 || failure.status() == 400 ? FhirFeedFailure.UNAUTHORIZED
                    : failure.status() == 403 ? FhirFeedFailure.FORBIDDEN : FhirFeedFailure.UNAVAILABLE;
            throw new EhrFeedException(kind, failure.getMessage(), failure.retryAfter().orElse(null));
        }
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException || t instanceof org.apache.http.conn.ConnectTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static Duration retryAfter(Map<String, List<String>> headers) {
        if (headers == null) {
            return null;
        }
        for (var e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().toLowerCase(Locale.ROOT).equals("retry-after") && !e.getValue().isEmpty()) {
                try {
                    return Duration.ofSeconds(Math.max(0, Long.parseLong(e.getValue().get(0).strip())));
                } catch (NumberFormatException notSeconds) {
                    return null;
                }
            }
        }
        return null;
    }
}
