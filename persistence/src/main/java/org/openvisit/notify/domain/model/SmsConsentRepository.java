package org.openvisit.notify.domain.model;

import java.util.Optional;
import java.util.UUID;

/** The organizations' SMS consents (global store). */
public interface SmsConsentRepository {

    void add(SmsConsent consent);

    Optional<SmsConsent> find(UUID organizationId);
}
