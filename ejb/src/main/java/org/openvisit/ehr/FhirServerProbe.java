package org.openvisit.ehr;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import org.openvisit.ehr.FhirServerCheck.Outcome;
import org.openvisit.shared.infrastructure.Jsons;

import java.io.StringReader;
import java.net.URI;
import java.time.Clock;
import java.util.Map;

/**
 * The Test connection of an endpoint: reads the SMART discovery document and the FHIR {@code metadata} of a FHIR base
 * URL, fresh (never from the discovery cache), through this layer's HTTP client ({@link OutboundHttp}: the outbound
 * address policy, 5 s to connect, 10 s to answer, no redirects). Neither request carries a credential; nothing is
 * kept.
 */
@ApplicationScoped
public class FhirServerProbe {

    @Inject
    private SmartClient smart;

    private OutboundHttp http;
    private Clock clock = Clock.systemUTC();

    protected FhirServerProbe() {
        // for CDI
    }

    /** Outside the container (tests). */
    public FhirServerProbe(OutboundHttp http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    private OutboundHttp http() {
        if (http == null) {
            http = smart.http();
        }
        return http;
    }

    /** Both requests, one after the other; the second is made even when the first failed. */
    public FhirServerCheck check(String fhirBase) {
        String base = fhirBase.endsWith("/") ? fhirBase.substring(0, fhirBase.length() - 1) : fhirBase;
        Step discovery = discovery(base);
        Step metadata = metadata(base);
        String detail = discovery.detail != null ? discovery.detail : metadata.detail;
        return new FhirServerCheck(discovery.outcome, discovery.status, metadata.outcome, metadata.status,
                metadata.fhirVersion, detail, clock.instant());
    }

    private Step discovery(String base) {
        URI location = SmartConfiguration.location(base);
        OutboundHttp.Answer answer;
        try {
            answer = http().get(location, "the SMART configuration");
        } catch (SmartSignInException e) {
            return Step.failed(e);
        }
        Step status = Step.ofStatus(answer, location);
        if (status != null) {
            return status;
        }
        try {
            SmartConfiguration.parse(base, answer.body());
            return new Step(Outcome.OK, 200, null, null);
        } catch (SmartSignInException notSmart) {
            return new Step(Outcome.NOT_SMART, 200, null, notSmart.getMessage());
        }
    }

    private Step metadata(String base) {
        URI location = URI.create(base + "/metadata");
        OutboundHttp.Answer answer;
        try {
            answer = http().get(location, Map.of(), "the FHIR metadata");
        } catch (SmartSignInException e) {
            return Step.failed(e);
        }
        Step status = Step.ofStatus(answer, location);
        if (status != null) {
            return status;
        }
        JsonObject json = object(answer.body());
        if (json == null || !(json.get("resourceType") instanceof JsonString type)
                || !"CapabilityStatement".equals(type.getString())) {
            return new Step(Outcome.NOT_FHIR, 200, null, location + " answered, but not with a FHIR CapabilityStatement.");
        }
        String version = json.get("fhirVersion") instanceof JsonString v ? v.getString().strip() : null;
        if (version != null && version.length() > 20) {
            version = version.substring(0, 20);
        }
        if (version == null || !version.startsWith("4.0")) {
            return new Step(Outcome.WRONG_FHIR_VERSION, 200, version, "The server speaks FHIR "
                    + (version == null ? "of an unnamed version" : version) + "; OpenVisit needs FHIR R4 (4.0.x).");
        }
        return new Step(Outcome.OK, 200, version, null);
    }

    private static JsonObject object(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try (JsonReader reader = Jsons.createReader(new StringReader(body))) {
            return reader.read() instanceof JsonObject o ? o : null;
        } catch (JsonException | IllegalStateException notJson) {
            return null;
        }
    }

    private record Step(Outcome outcome, int status, String fhirVersion, String detail) {

        static Step failed(SmartSignInException e) {
            Outcome outcome = switch (e.failure()) {
                case REFUSED_ADDRESS -> Outcome.REFUSED_ADDRESS;
                case TIMEOUT -> Outcome.TIMEOUT;
                default -> Outcome.UNREACHABLE;
            };
            return new Step(outcome, 0, null, e.getMessage());
        }

        /** The step for an answer other than 200, or {@code null} for a 200. */
        static Step ofStatus(OutboundHttp.Answer answer, URI location) {
            int code = answer.status();
            if (code == 200) {
                return null;
            }
            if (code >= 300 && code < 400) {
                return new Step(Outcome.REDIRECT, code, null, location + " answered with a redirect (HTTP " + code
                        + "), which OpenVisit does not follow.");
            }
            return new Step(Outcome.HTTP_ERROR, code, null, location + " answered HTTP " + code + ".");
        }
    }
}
