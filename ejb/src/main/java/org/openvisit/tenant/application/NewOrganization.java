package org.openvisit.tenant.application;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.openvisit.tenant.domain.model.DataRegion;
import org.openvisit.tenant.domain.model.EhrVendor;
import org.openvisit.tenant.domain.model.OrganizationName;

/** What an administrator enters to register an organization. */
public record NewOrganization(
        @NotBlank(message = "{openvisit.organization.nameRequired}")
        @Size(max = OrganizationName.MAX_LENGTH * 2, message = "{openvisit.organization.nameLength}")
        String name,
        @NotNull(message = "{openvisit.organization.regionRequired}")
        DataRegion dataRegion,
        @NotNull(message = "{openvisit.organization.ehrRequired}")
        EhrVendor ehrVendor) {
}
