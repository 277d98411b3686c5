package org.openvisit.visit.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.openvisit.secrets.MasterKey;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Seals a visit's {@link EhrContext} under the installation master key (AES-256-GCM, the visit id
 * bound in, so a sealed context copied to another visit does not open) and opens it again for
 * write-back.
 */
@ApplicationScoped
public class EhrContextSeal {

    private static final String PURPOSE = "visit-ehr-context:";

    @Inject
    private MasterKey masterKey;

    public String seal(UUID visitId, EhrContext context) {
        return masterKey.sealer().seal(PURPOSE + visitId, context.encode().getBytes(StandardCharsets.UTF_8));
    }

    public EhrContext open(UUID visitId, String sealed) {
        return EhrContext.decode(new String(masterKey.sealer().unseal(PURPOSE + visitId, sealed), StandardCharsets.UTF_8));
    }

    /** A SHA-256 of the opened references, in hex: what a region move compares (never the references themselves). */
    public String digest(UUID visitId, String sealed) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(open(visitId, sealed).encode().getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
