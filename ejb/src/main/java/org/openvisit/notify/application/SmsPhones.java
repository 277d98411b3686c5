package org.openvisit.notify.application;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.openvisit.notify.domain.model.PatientMobile;
import org.openvisit.notify.domain.model.SmsTemplateText;
import org.openvisit.secrets.MasterKey;
import org.openvisit.secrets.application.InstallationSecretService;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Patients' numbers at rest: sealed under the installation's master key (AES-256-GCM, bound to the organization, as
 * Teams credentials and report keys are), and as a keyed hash (HMAC-SHA256 under the installation secret
 * {@value #HASH_PURPOSE}) for the opt-out list, which must find a number without holding it. {@link #warm()} reads
 * the hash key from the global store, so call it before a regional transaction.
 */
@ApplicationScoped
public class SmsPhones {

    public static final String HASH_PURPOSE = "sms-phone-hash-key";
    private static final String SEAL_PURPOSE = "sms-patient-phone:";
    private static final String CLINICIAN_PURPOSE = "sms-clinician-name:";

    @Inject
    private MasterKey masterKey;

    @EJB
    private InstallationSecretService secrets;

    private volatile SecretKeySpec hashKey;

    /** Reads the hash key now (outside any regional transaction). */
    public void warm() {
        key();
    }

    public String seal(UUID organizationId, PatientMobile mobile) {
        return masterKey.sealer().seal(SEAL_PURPOSE + organizationId, mobile.e164().getBytes(StandardCharsets.UTF_8));
    }

    public PatientMobile unseal(UUID organizationId, String sealed) {
        return new PatientMobile(new String(masterKey.sealer().unseal(SEAL_PURPOSE + organizationId, sealed),
                StandardCharsets.UTF_8));
    }

    /** The clinician's name an appointment's messages may use, sealed like the patient's number and kept as long. */
    public String sealClinician(UUID organizationId, String name) {
        return masterKey.sealer().seal(CLINICIAN_PURPOSE + organizationId, name.getBytes(StandardCharsets.UTF_8));
    }

    public String unsealClinician(UUID organizationId, String sealed) {
        return new String(masterKey.sealer().unseal(CLINICIAN_PURPOSE + organizationId, sealed),
                StandardCharsets.UTF_8);
    }

    /**
     * The clinician's name for a wording that names them, opened from {@code sealed}; null when the wording does not
     * use {@code {clinician}} (the name is then not opened at all) or the feed sent none.
     */
    public String clinicianFor(String template, UUID organizationId, Optional<String> sealed) {
        if (template == null || !template.contains(SmsTemplateText.CLINICIAN)) {
            return null;
        }
        return sealed.map(s -> unsealClinician(organizationId, s)).orElse(null);
    }

    public String hash(UUID organizationId, PatientMobile mobile) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key());
            return HexFormat.of().formatHex(mac.doFinal((organizationId + "|" + mobile.e164())
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private SecretKeySpec key() {
        SecretKeySpec k = hashKey;
        if (k == null) {
            k = new SecretKeySpec(secrets.secret(HASH_PURPOSE), "HmacSHA256");
            hashKey = k;
        }
        return k;
    }
}
