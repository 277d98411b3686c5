package org.openvisit.tenant.domain.model;

import java.util.Optional;
import java.util.UUID;

/** The organizations' Teams settings (global store). */
public interface TeamsSettingsRepository {

    void add(TeamsSettings settings);

    Optional<TeamsSettings> find(UUID organizationId);

    /** The settings, their row locked until the transaction ends. */
    Optional<TeamsSettings> findForUpdate(UUID organizationId);

    /** The settings whose call records subscription has this Graph subscription id. */
    Optional<TeamsSettings> findByCallSubscription(String subscriptionId);

    /** The ids of the organizations that have settings with a credential. */
    java.util.List<UUID> withCredential();
}
