package org.openvisit.tenant.application;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.openvisit.tenant.domain.model.DataRegion;
import org.openvisit.tenant.domain.model.EhrVendor;
import org.openvisit.tenant.domain.model.OrganizationName;

/** What an administrator enters to register an organization. */
public record NewOrganization(
        @NotBlank(message = "The organization name is required.")
        @Size(max = OrganizationName.MAX_LENGTH * 2, message = "The organization name must be between "
                + OrganizationName.MIN_LENGTH + " and " + OrganizationName.MAX_LENGTH + " characters.")
        String name,
        @NotNull(message = "Choose the data region where this organization's data lives.")
        DataRegion dataRegion,
        @NotNull(message = "Choose the EHR this organization runs.")
        EhrVendor ehrVendor) {
}
