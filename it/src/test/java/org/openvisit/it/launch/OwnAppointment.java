package org.openvisit.it.launch;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.openvisit.it.support.Http;
import org.openvisit.it.support.SharedServer;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A clinician, a patient and an appointment of one test's own in the EHR sandbox, written over FHIR by a backend
 * client of the test (registered for the writes, removed after): the sample clinicians and appointments are shared by
 * many classes, these meet no other class's launches, visits, links or write-back.
 *
 * @param practitioner    {@code Practitioner/<id>}, as the EHR screen and the launch name the clinician
 * @param familyName      the clinician's family name, unique, as the EHR screen's list of users shows it
 * @param appointmentId   the appointment's id, as the EHR screen's "Begin virtual visit" button carries it
 */
record OwnAppointment(String practitioner, String familyName, String appointmentId) {

    /** Writes the three resources (the appointment half an hour from now, at the sample virtual location). */
    static OwnAppointment create(String label) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String practitionerId = "prac-" + label + "-" + suffix;
        String patientId = "pat-" + label + "-" + suffix;
        String appointmentId = "appt-" + label + "-" + suffix;
        String family = "Signin" + suffix;
        Instant start = Instant.now().plus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.MINUTES);
        String token = writerToken(suffix);
        put(token, "Practitioner", practitionerId, "{\"resourceType\":\"Practitioner\",\"id\":\"" + practitionerId
                + "\",\"active\":true,\"name\":[{\"family\":\"" + family + "\",\"given\":[\"Tess\"],"
                + "\"prefix\":[\"Dr.\"]}]}");
        put(token, "Patient", patientId, "{\"resourceType\":\"Patient\",\"id\":\"" + patientId + "\",\"name\":[{"
                + "\"family\":\"Guest" + suffix + "\",\"given\":[\"Sam\"]}]}");
        put(token, "Appointment", appointmentId, "{\"resourceType\":\"Appointment\",\"id\":\"" + appointmentId
                + "\",\"status\":\"booked\",\"description\":\"Teams sign-in check\",\"start\":\"" + start
                + "\",\"end\":\"" + start.plus(Duration.ofMinutes(30)) + "\",\"participant\":["
                + "{\"actor\":{\"reference\":\"Practitioner/" + practitionerId + "\"},\"status\":\"accepted\"},"
                + "{\"actor\":{\"reference\":\"Patient/" + patientId + "\"},\"status\":\"accepted\"},"
                + "{\"actor\":{\"reference\":\"Location/loc-riverside-virtual\"},\"status\":\"accepted\"}]}");
        return new OwnAppointment("Practitioner/" + practitionerId, family, appointmentId);
    }

    private static void put(String token, String type, String id, String json) {
        HttpResponse<String> put = Http.send(HttpRequest.newBuilder(SharedServer.sandboxUri()
                        .resolve("fhir/" + type + "/" + id)).header("Content-Type", "application/fhir+json")
                .header("Authorization", "Bearer " + token).PUT(HttpRequest.BodyPublishers.ofString(json)));
        assertThat(put.statusCode()).as(type + ": " + put.body()).isIn(200, 201);
    }

    /** A token of a backend client registered for these writes only (its registration removed once it has one). */
    private static String writerToken(String suffix) {
        String client = "it-writer-" + suffix;
        URI registration = SharedServer.sandboxUri().resolve("admin/api/apps/" + client);
        try {
            ECKey key = new ECKeyGenerator(Curve.P_384).keyID(client).generate();
            HttpResponse<String> registered = Http.send(HttpRequest.newBuilder(registration)
                    .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(
                            "{\"name\":\"Test EHR writer\",\"kind\":\"CONFIDENTIAL_ASYMMETRIC\",\"jwks\":{\"keys\":["
                                    + key.toPublicJWK().toJSONString() + "]}}")));
            assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
            String tokenUrl = SharedServer.sandboxUri().resolve("oauth/token").toString();
            SignedJWT assertion = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES384).keyID(client).build(),
                    new JWTClaimsSet.Builder().issuer(client).subject(client).audience(tokenUrl)
                            .jwtID(UUID.randomUUID().toString())
                            .expirationTime(Date.from(Instant.now().plusSeconds(120))).build());
            assertion.sign(new ECDSASigner(key));
            HttpResponse<String> token = Http.post(URI.create(tokenUrl), "application/x-www-form-urlencoded",
                    "grant_type=client_credentials&scope=" + encode("system/*.cruds") + "&client_assertion_type="
                            + encode("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                            + "&client_assertion=" + encode(assertion.serialize()));
            assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
            return Http.json(token).getString("access_token");
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        } finally {
            Http.send(HttpRequest.newBuilder(registration).DELETE());
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
