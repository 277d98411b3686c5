package org.openvisit.it.sandbox;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Epic-style encrypted context link, decrypted here exactly as CONTEXT-LINK.md tells OpenVisit to
 * (with the JDK alone), so the document and the sandbox cannot drift apart.
 */
@org.junit.jupiter.api.parallel.Isolated("it switches the shared sandbox's launch to context links, which every other class's launch would follow")
class SandboxContextLinkIT {

    private JsonObject registrationBefore;

    @BeforeEach
    void rememberTheRegistration() {
        registrationBefore = Sandbox.adminJson("GET", "apps/openvisit", null);
    }

    @AfterEach
    void restoreTheRegistration() {
        Sandbox.adminJson("PUT", "apps/openvisit", registrationBefore.toString());
    }

    @Test
    void beginVirtualVisitSendsAnAesGcmTokenThatDecryptsToTheVisit() throws Exception {
        JsonObject app = Sandbox.adminJson("PUT", "apps/openvisit", "{\"launchStyle\":\"CONTEXT_LINK\"}");

        URI launch = Sandbox.beginVirtualVisit("Practitioner/prac-chen-wu", "appt-1004");

        assertThat(launch.toString()).startsWith(Sandbox.origin() + "/launch/context?token=");
        Map<String, String> claims = decrypt(Sandbox.queryOf(launch).get("token"), app.getString("contextKeyId"),
                Base64.getDecoder().decode(app.getString("contextKey")));
        assertThat(claims).containsEntry("iss", Sandbox.fhirBase()).containsEntry("sid", "1004")
                .containsEntry("appt", "appt-1004").containsEntry("enc", "enc-1004").containsEntry("pat", "pat-olivia-sato")
                .containsEntry("user", "Practitioner/prac-chen-wu").containsEntry("role", "provider")
                .containsEntry("dept", "loc-northgate-virtual");
        long now = Instant.now().getEpochSecond();
        assertThat(Long.parseLong(claims.get("nbf"))).isLessThanOrEqualTo(now);
        assertThat(Long.parseLong(claims.get("exp"))).isGreaterThan(now).isLessThanOrEqualTo(now + 300);
    }

    @Test
    void aPatientLaunchSaysRolePatientAndTheKeyCanBeSet() throws Exception {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 42);
        Sandbox.adminJson("PUT", "apps/openvisit", "{\"launchStyle\":\"CONTEXT_LINK\",\"contextKeyId\":\"test-key-2\",\"contextKey\":\""
                + Base64.getEncoder().encodeToString(key) + "\"}");

        String token = Sandbox.queryOf(Sandbox.beginVirtualVisit("Patient/pat-olivia-sato", "appt-1004")).get("token");

        assertThat(decrypt(token, "test-key-2", key)).containsEntry("role", "patient").containsEntry("user", "Patient/pat-olivia-sato");
        JsonObject decryptedBySandbox = Sandbox.adminJson("POST", "context-links/decrypt", "{\"app\":\"openvisit\",\"token\":\"" + token + "\"}");
        assertThat(decryptedBySandbox.getBoolean("validNow")).isTrue();
    }

    @Test
    void aKeyOfTheWrongSizeIsRefused() {
        assertThat(Sandbox.admin("PUT", "apps/openvisit", "{\"contextKey\":\"c2hvcnQ=\"}").statusCode()).isEqualTo(400);
    }

    /** CONTEXT-LINK.md, step by step. */
    private static Map<String, String> decrypt(String token, String expectedKeyId, byte[] key) throws Exception {
        byte[] bytes = Base64.getUrlDecoder().decode(token);
        assertThat(bytes[0]).as("version").isEqualTo((byte) 1);
        int keyIdLength = bytes[1] & 0xff;
        assertThat(new String(bytes, 2, keyIdLength, StandardCharsets.US_ASCII)).isEqualTo(expectedKeyId);
        int headerLength = 2 + keyIdLength;
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
                new GCMParameterSpec(128, bytes, headerLength, 12));
        cipher.updateAAD(bytes, 0, headerLength);
        String plain = new String(cipher.doFinal(bytes, headerLength + 12, bytes.length - headerLength - 12), StandardCharsets.UTF_8);
        Map<String, String> claims = new LinkedHashMap<>();
        for (String pair : plain.split("&")) {
            String[] nameValue = pair.split("=", 2);
            claims.put(nameValue[0], URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8));
        }
        return claims;
    }
}
