package org.openvisit.tenant.application;

import java.util.List;
import java.util.UUID;

/**
 * Integration records another part of OpenVisit adds to an approved endpoint's (SMS: its appointment feed's
 * addresses), so that the EHR analyst finds every value to type into the EHR on one page. Called inside the
 * records' transaction; nothing secret in them.
 */
public interface MoreIntegrationRecords {

    /** @param publicBase OpenVisit's public address, without a trailing slash */
    List<IntegrationRecord> recordsFor(UUID organizationId, UUID endpointId, String publicBase);
}
