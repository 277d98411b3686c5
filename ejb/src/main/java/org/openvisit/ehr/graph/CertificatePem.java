package org.openvisit.ehr.graph;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what an IT person uploads for certificate credentials: one PEM text with the X.509 certificate
 * ({@code BEGIN CERTIFICATE}) and its unencrypted RSA private key in PKCS#8 ({@code BEGIN PRIVATE KEY}), as
 * {@code openssl req -x509 -newkey rsa:2048 -nodes ...} writes them; and the stored forms (the certificate's DER and
 * the key's PKCS#8 DER) back. The key must belong to the certificate.
 */
public final class CertificatePem {

    private static final Pattern CERTIFICATE =
            Pattern.compile("-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]+)-----END CERTIFICATE-----");
    private static final Pattern PKCS8 =
            Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

    /** Why an upload cannot be used, in words for the person uploading it. */
    public static final class Unusable extends Exception {
        private final String reason;

        public Unusable(String reason, String message) {
            super(message);
            this.reason = reason;
        }

        /** Which check refused it: encryptedKey, notBoth, notX509, notRsa, keyUnreadable, keyMismatch or damaged. */
        public String reason() {
            return reason;
        }
    }

    private CertificatePem() {
    }

    /** The credential in {@code pem}. */
    public static GraphCredential.Certificate parse(String pem) throws Unusable {
        String text = pem == null ? "" : pem;
        if (text.contains("BEGIN RSA PRIVATE KEY") || text.contains("BEGIN ENCRYPTED PRIVATE KEY")) {
            throw new Unusable("encryptedKey", "The private key must be unencrypted PKCS#8 (BEGIN PRIVATE KEY). Convert it with: "
                    + "openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem");
        }
        Matcher c = CERTIFICATE.matcher(text);
        Matcher k = PKCS8.matcher(text);
        if (!c.find() || !k.find()) {
            throw new Unusable("notBoth", "Upload one PEM file with both the certificate (BEGIN CERTIFICATE) and its private "
                    + "key (BEGIN PRIVATE KEY).");
        }
        return of(decode(c.group(1)), decode(k.group(1)));
    }

    /** The credential from its stored forms. */
    public static GraphCredential.Certificate of(byte[] certificateDer, byte[] pkcs8Der) throws Unusable {
        X509Certificate certificate;
        try {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(certificateDer));
        } catch (CertificateException | RuntimeException e) {
            throw new Unusable("notX509", "The certificate cannot be read as X.509.");
        }
        PublicKey publicKey = certificate.getPublicKey();
        if (!(publicKey instanceof RSAPublicKey rsaPublic)) {
            throw new Unusable("notRsa",
                    "The certificate's key must be RSA (Microsoft Entra signs assertions with RS256).");
        }
        RSAPrivateKey privateKey;
        try {
            privateKey = (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8Der));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new Unusable("keyUnreadable", "The private key cannot be read as an RSA key in PKCS#8.");
        }
        if (privateKey instanceof RSAPrivateCrtKey crt && !crt.getPublicExponent().equals(rsaPublic.getPublicExponent())
                || !privateKey.getModulus().equals(rsaPublic.getModulus())) {
            throw new Unusable("keyMismatch", "The private key does not belong to the certificate.");
        }
        return new GraphCredential.Certificate(certificate, privateKey);
    }

    private static byte[] decode(String base64) throws Unusable {
        try {
            return Base64.getMimeDecoder().decode(base64.getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new Unusable("damaged", "The PEM text is damaged (not base64).");
        }
    }
}
