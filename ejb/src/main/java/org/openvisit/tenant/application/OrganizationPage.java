package org.openvisit.tenant.application;

import java.util.List;

/** One page of organizations and how many there are in all. */
public record OrganizationPage(List<OrganizationSummary> items, long total, int first, int max) {
}
