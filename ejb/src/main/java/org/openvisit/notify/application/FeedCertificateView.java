package org.openvisit.notify.application;

import java.io.Serializable;
import java.time.Instant;

/**
 * The certificate of the EHR's interface engine as the page and the API show it (public data, no patient data): its
 * subject and issuer (RFC 2253), validity, key ("RSA-2048", "EC P-256"), the header scheme its signatures use
 * ({@code rsa-sha256} or {@code ecdsa-sha256}), the SHA-256 fingerprint of its DER (as
 * {@code openssl x509 -noout -fingerprint -sha256} prints it), whether it is valid now, and who uploaded it when.
 */
public record FeedCertificateView(String subject, String issuer, Instant notBefore, Instant notAfter, String key,
                                  String scheme, String sha256Fingerprint, boolean validNow, String uploadedBy,
                                  Instant uploadedAt) implements Serializable {

    static FeedCertificateView of(FeedCertificate c, String by, Instant at, Instant now) {
        return new FeedCertificateView(c.subject(), c.issuer(), c.notBefore(), c.notAfter(), c.keyDescription(),
                c.kind() == null ? null : c.kind().scheme(), c.fingerprint(), c.validAt(now), by, at);
    }
}
