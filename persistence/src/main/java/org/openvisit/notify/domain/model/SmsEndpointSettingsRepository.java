package org.openvisit.notify.domain.model;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The endpoints' SMS settings (global store). */
public interface SmsEndpointSettingsRepository {

    void add(SmsEndpointSettings settings);

    Optional<SmsEndpointSettings> find(UUID endpointId);

    /** The endpoint whose EHR sends as this facility (MSH-4), for the MLLP listener. */
    Optional<SmsEndpointSettings> findBySendingFacility(String facility);

    List<SmsEndpointSettings> ofOrganization(UUID organizationId);
}
