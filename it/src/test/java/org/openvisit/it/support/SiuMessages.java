package org.openvisit.it.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HL7v2 SIU messages as an EHR's interface engine sends them to OpenVisit's appointment feed (fictional patients
 * only), and the feed's HMAC signature header.
 */
public final class SiuMessages {

    private static final DateTimeFormatter HL7_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmm")
            .withZone(ZoneOffset.UTC);

    private SiuMessages() {
    }

    /**
     * An S12 (booked) for {@code appointment} at {@code start}, with the patient's name (family^given) and the local
     * part of a US mobile number in area code 202 ({@code PID-13}, equipment type CP).
     */
    public static String s12(String controlId, String appointment, Instant start, String patientName,
                             String localNumber) {
        return String.join("\r",
                "MSH|^~\\&|EHR|TESTFACILITY|OPENVISIT|OV|" + HL7_TIME.format(Instant.now()) + "||SIU^S12|"
                        + controlId + "|P|2.5.1",
                "SCH|" + appointment + "|" + appointment + "|||||||||^^^" + HL7_TIME.format(start) + "+0000",
                "PID|1||MRN-" + appointment + "||" + patientName + "||||||||^PRN^CP^^1^202^" + localNumber,
                "RGS|1",
                "AIL|1||Cardiology") + "\r";
    }

    /** The header value {@code sha256=<hex HMAC-SHA256 of the body's UTF-8 bytes under the feed secret>}. */
    public static String hmac(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
