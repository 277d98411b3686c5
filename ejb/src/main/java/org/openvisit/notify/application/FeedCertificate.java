package org.openvisit.notify.application;

import org.openvisit.shared.domain.model.InvalidValueException;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The X.509 certificate of an EHR's interface engine, whose private key signs the HTTPS feed's messages: read (PEM or
 * DER) with the JDK's {@link CertificateFactory} and checked when uploaded (valid now; an RSA key of at least 2048
 * bits, or an EC key on P-256 or P-384), and read back from its stored form (base64 of the DER).
 */
public final class FeedCertificate {

    /** The largest upload taken (a certificate is usually 1 to 2 kB). */
    public static final int MAX_BYTES = 16 * 1024;
    private static final int MIN_RSA_BITS = 2048;
    private static final Pattern PEM_BLOCK =
            Pattern.compile("-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]*)-----END CERTIFICATE-----");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** How the key signs: the header's scheme and the JDK's signature algorithm. */
    public enum KeyKind {
        RSA("rsa-sha256", "SHA256withRSA"),
        EC("ecdsa-sha256", "SHA256withECDSA");

        private final String scheme;
        private final String algorithm;

        KeyKind(String scheme, String algorithm) {
            this.scheme = scheme;
            this.algorithm = algorithm;
        }

        /** The scheme in {@code X-OpenVisit-Signature: <scheme>=<base64>}. */
        public String scheme() {
            return scheme;
        }

        /** The {@link java.security.Signature} algorithm. */
        public String algorithm() {
            return algorithm;
        }
    }

    private final X509Certificate certificate;
    private final KeyKind kind;
    private final String keyDescription;

    private FeedCertificate(X509Certificate certificate, KeyKind kind, String keyDescription) {
        this.certificate = certificate;
        this.kind = kind;
        this.keyDescription = keyDescription;
    }

    /**
     * Reads and checks an upload: one certificate, PEM ({@code BEGIN CERTIFICATE}) or DER (.cer, .crt).
     *
     * @throws InvalidValueException not one certificate, a private key in the file, expired or not yet valid at
     *                               {@code now}, or a key OpenVisit cannot verify
     */
    public static FeedCertificate upload(byte[] upload, Instant now) {
        if (upload == null || upload.length == 0) {
            throw unreadable();
        }
        if (upload.length > MAX_BYTES) {
            throw new InvalidValueException("certificate", "The file is larger than 16 kB: a certificate is usually "
                    + "1 to 2 kB.").worded("sms.certificate.tooLarge");
        }
        String text = new String(upload, StandardCharsets.ISO_8859_1);
        if (text.contains("PRIVATE KEY-----")) {
            throw new InvalidValueException("certificate", "The file holds a private key. Upload the certificate "
                    + "only; the private key stays in the EHR's interface engine.").worded("sms.certificate.privateKey");
        }
        byte[] der = upload;
        if (text.contains("-----BEGIN")) {
            Matcher m = PEM_BLOCK.matcher(text);
            List<String> blocks = m.results().map(r -> r.group(1)).toList();
            if (blocks.isEmpty()) {
                throw unreadable();
            }
            if (blocks.size() > 1) {
                throw new InvalidValueException("certificate", "The file holds " + blocks.size() + " certificates. "
                        + "Upload only the interface engine's own certificate.")
                        .worded("sms.certificate.several", blocks.size());
            }
            try {
                der = Base64.getMimeDecoder().decode(blocks.get(0));
            } catch (IllegalArgumentException e) {
                throw unreadable();
            }
        }
        FeedCertificate read = of(der).orElseThrow(FeedCertificate::unreadable);
        try {
            read.certificate.checkValidity(Date.from(now));
        } catch (CertificateExpiredException e) {
            throw new InvalidValueException("certificate", "The certificate expired on " + read.notAfterText()
                    + ". Upload a certificate that is valid now.").worded("sms.certificate.expired", read.notAfterText());
        } catch (CertificateNotYetValidException e) {
            throw new InvalidValueException("certificate", "The certificate is valid only from "
                    + read.notBeforeText() + ". Upload a certificate that is valid now.")
                    .worded("sms.certificate.notYetValid", read.notBeforeText());
        }
        if (read.kind == null) {
            throw new InvalidValueException("certificate", "The certificate's key is " + read.keyDescription
                    + ". OpenVisit verifies RSA keys of at least 2048 bits and EC keys on the curves P-256 or P-384.")
                    .worded("sms.certificate.keyType", read.keyDescription);
        }
        return read;
    }

    /** The certificate from its DER (the stored form, decoded), if it is an X.509 certificate; its key not checked. */
    public static Optional<FeedCertificate> of(byte[] der) {
        X509Certificate certificate;
        try {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | RuntimeException e) {
            return Optional.empty();
        }
        PublicKey key = certificate.getPublicKey();
        if (key instanceof RSAPublicKey rsa) {
            int bits = rsa.getModulus().bitLength();
            return Optional.of(new FeedCertificate(certificate, bits >= MIN_RSA_BITS ? KeyKind.RSA : null,
                    "RSA-" + bits));
        }
        if (key instanceof ECPublicKey ec) {
            Optional<String> curve = curve(ec.getParams());
            return Optional.of(new FeedCertificate(certificate, curve.isPresent() ? KeyKind.EC : null,
                    curve.map(c -> "EC " + c)
                    .orElse("EC-" + ec.getParams().getCurve().getField().getFieldSize())));
        }
        return Optional.of(new FeedCertificate(certificate, null, key.getAlgorithm()));
    }

    /** The stored form, base64 of its DER: {@link #of(byte[])} after decoding. */
    public static Optional<FeedCertificate> stored(String base64Der) {
        try {
            return of(Base64.getDecoder().decode(base64Der));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> curve(ECParameterSpec params) {
        for (String[] named : new String[][] {{"secp256r1", "P-256"}, {"secp384r1", "P-384"}}) {
            try {
                AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
                p.init(new ECGenParameterSpec(named[0]));
                ECParameterSpec spec = p.getParameterSpec(ECParameterSpec.class);
                if (spec.getCurve().equals(params.getCurve()) && spec.getOrder().equals(params.getOrder())
                        && spec.getGenerator().equals(params.getGenerator())) {
                    return Optional.of(named[1]);
                }
            } catch (GeneralSecurityException e) {
                // this JDK does not know the curve: no match
            }
        }
        return Optional.empty();
    }

    private static InvalidValueException unreadable() {
        return new InvalidValueException("certificate", "The file is not an X.509 certificate in PEM "
                + "(BEGIN CERTIFICATE) or DER (.cer, .crt).").worded("sms.certificate.unreadable");
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** How its key signs; {@code null} for a key OpenVisit does not verify (refused when uploaded). */
    public KeyKind kind() {
        return kind;
    }

    /** The key, the same in every language: e.g. "RSA-2048", "EC P-256", "EC-521" (another curve), "Ed25519". */
    public String keyDescription() {
        return keyDescription;
    }

    public String subject() {
        return certificate.getSubjectX500Principal().getName();
    }

    public String issuer() {
        return certificate.getIssuerX500Principal().getName();
    }

    public Instant notBefore() {
        return certificate.getNotBefore().toInstant();
    }

    public Instant notAfter() {
        return certificate.getNotAfter().toInstant();
    }

    String notBeforeText() {
        return WHEN.format(notBefore());
    }

    String notAfterText() {
        return WHEN.format(notAfter());
    }

    /** Base64 of the DER, as stored. */
    public String base64() {
        try {
            return Base64.getEncoder().encodeToString(certificate.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException("a certificate read from DER has a DER", e);
        }
    }

    /** The SHA-256 of the DER as upper-case hex pairs with colons, as {@code openssl x509 -fingerprint -sha256}. */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** Whether the certificate is valid at {@code at}. */
    public boolean validAt(Instant at) {
        return !at.isBefore(notBefore()) && !at.isAfter(notAfter());
    }
}
