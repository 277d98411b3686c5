package org.openvisit.tenant.application;

import org.openvisit.shared.domain.model.Language;
import org.openvisit.tenant.domain.model.EhrVendor;

/**
 * An edit of an organization: its name, its EHR ({@code null}: unchanged) and the language of its patient-facing pages
 * and messages ({@code null}: English). The data region is not here: a region move changes it.
 */
public record OrganizationChange(String name, EhrVendor ehrVendor, Language patientLanguage) {
}
