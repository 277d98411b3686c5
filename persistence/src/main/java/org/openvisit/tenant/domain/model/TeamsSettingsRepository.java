package org.openvisit.tenant.domain.model;

import java.util.Optional;
import java.util.UUID;

/** The organizations' Teams settings (global store). */
public interface TeamsSettingsRepository {

    void add(TeamsSettings settings);

    Optional<TeamsSettings> find(UUID organizationId);
}
