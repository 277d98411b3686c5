package org.openvisit.it.sandbox;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openvisit.it.support.Http;

import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The fault switch makes the FHIR API misbehave on purpose, and stops when told or when its time is up. */
@org.junit.jupiter.api.parallel.Isolated("the fault switch makes the shared sandbox fail for every class running beside it")
class SandboxFaultSwitchIT {

    @AfterEach
    void behaveAgain() {
        Sandbox.admin("DELETE", "faults", null);
    }

    private static HttpResponse<String> metadata() {
        return Sandbox.fhirGet("metadata", null);
    }

    @Test
    void rateLimitAnswers429WithRetryAfterForTheNextRequests() {
        Sandbox.adminJson("PUT", "faults", "{\"mode\":\"RATE_LIMITED\",\"count\":2,\"retryAfterSeconds\":3}");

        HttpResponse<String> first = metadata();
        HttpResponse<String> second = metadata();
        HttpResponse<String> third = metadata();

        assertThat(first.statusCode()).isEqualTo(429);
        assertThat(first.headers().firstValue("Retry-After")).contains("3");
        assertThat(Http.json(first).getString("resourceType")).isEqualTo("OperationOutcome");
        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(third.statusCode()).isEqualTo(200);
    }

    @Test
    void serverErrorUntilCleared() {
        Sandbox.adminJson("PUT", "faults", "{\"mode\":\"ERROR\"}");

        assertThat(metadata().statusCode()).isEqualTo(500);
        assertThat(Sandbox.fhirGet("Patient/pat-leo-marsh", "any").statusCode()).isEqualTo(500);
        assertThat(Sandbox.adminJson("GET", "faults", null).getString("mode")).isEqualTo("ERROR");

        Sandbox.admin("DELETE", "faults", null);

        assertThat(metadata().statusCode()).isEqualTo(200);
    }

    @Test
    void downForAWhileThenBack() throws InterruptedException {
        Sandbox.adminJson("PUT", "faults", "{\"mode\":\"DOWN\",\"seconds\":2}");

        assertThat(metadata().statusCode()).isEqualTo(503);
        Thread.sleep(2_200);

        assertThat(metadata().statusCode()).isEqualTo(200);
    }

    @Test
    void hangHoldsTheRequest() {
        Sandbox.adminJson("PUT", "faults", "{\"mode\":\"HANG\",\"hangSeconds\":2,\"count\":1}");

        long start = System.nanoTime();
        HttpResponse<String> response = metadata();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1_900));
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void theOAuthEndpointsAreNotAffected() {
        Sandbox.adminJson("PUT", "faults", "{\"mode\":\"ERROR\"}");

        assertThat(Http.get(Sandbox.at("oauth/jwks")).statusCode()).isEqualTo(200);
    }
}
