package org.openvisit.tenant.domain.model;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Clinicians' links to their Microsoft Entra identity (global store). */
public interface ClinicianTeamsLinkRepository {

    /** Stores a new link (flushed: a second one for the same organization and EHR user fails here). */
    void add(ClinicianTeamsLink link);

    Optional<ClinicianTeamsLink> find(UUID organizationId, String ehrUserId);

    /** A page of the organization's links, newest first. */
    List<ClinicianTeamsLink> ofOrganization(UUID organizationId, int first, int max);

    long countOf(UUID organizationId);

    /** @return whether there was one to remove */
    boolean remove(UUID organizationId, UUID linkId);
}
