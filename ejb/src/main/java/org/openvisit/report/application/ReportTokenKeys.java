package org.openvisit.report.application;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openvisit.report.infrastructure.jwt.ReportJwt;
import org.openvisit.secrets.application.InstallationSecretService;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Optional;

/**
 * The installation's key that signs reports tokens (EC P-256, made by the first node that needs it and stored only
 * sealed under the master key, like the installation's other secrets) and the issuer name tokens carry: the
 * installation's public address ({@code openvisit.public-url}), else {@value #DEFAULT_ISSUER}.
 */
@ApplicationScoped
public class ReportTokenKeys {

    static final String PURPOSE = "report-token-signing-key";
    static final String DEFAULT_ISSUER = "urn:openvisit:installation";

    @EJB
    private InstallationSecretService secrets;

    @Inject
    @ConfigProperty(name = "openvisit.public-url")
    private Optional<String> publicUrl;

    private volatile ECKey key;

    public String issuer() {
        return publicUrl.filter(u -> !u.isBlank()).map(String::strip).orElse(DEFAULT_ISSUER);
    }

    ECKey signingKey() {
        ECKey k = key;
        if (k == null) {
            byte[] json = secrets.secret(PURPOSE,
                    () -> ReportJwt.newKey().toJSONString().getBytes(StandardCharsets.UTF_8));
            try {
                k = ECKey.parse(new String(json, StandardCharsets.UTF_8));
            } catch (ParseException e) {
                throw new IllegalStateException("The stored reports signing key is not an EC key.", e);
            }
            key = k;
        }
        return k;
    }

    /** The public keys tokens are verified with. */
    public JWKSet publicKeys() {
        return new JWKSet(signingKey().toPublicJWK());
    }
}
