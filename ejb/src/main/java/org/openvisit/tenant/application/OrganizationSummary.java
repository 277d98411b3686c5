package org.openvisit.tenant.application;

import org.openvisit.tenant.domain.model.DataRegion;
import org.openvisit.tenant.domain.model.EhrVendor;
import org.openvisit.tenant.domain.model.Organization;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** An organization as callers of the tenant services see it. */
public record OrganizationSummary(UUID id, String name, DataRegion dataRegion, EhrVendor ehrVendor,
                                  String meetingPlatform, Instant createdAt, long version,
                                  org.openvisit.shared.domain.model.Language patientLanguage) implements Serializable {

    static OrganizationSummary of(Organization organization) {
        return new OrganizationSummary(organization.id(), organization.name().value(), organization.dataRegion(),
                organization.ehrVendor(), organization.meetingPlatform(), organization.createdAt(),
                organization.version(), organization.patientLanguage());
    }
}
