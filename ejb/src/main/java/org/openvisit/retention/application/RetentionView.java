package org.openvisit.retention.application;

import org.openvisit.retention.domain.model.RetentionRun;

import java.util.Optional;

/**
 * How long an organization's visits are kept: the installation's days ({@code null}: for ever), the organization's
 * own when it keeps them for less ({@code null}: none), the days that apply, and its latest purge that deleted
 * something.
 */
public record RetentionView(Integer installationVisitDays, Integer organizationVisitDays, Integer visitDays,
                            Optional<RetentionRun> latest) {
}
