package org.openvisit.report.domain.model;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The reports tokens issued (global store). */
public interface ReportTokenRepository {

    void add(ReportToken token);

    Optional<ReportToken> find(UUID id);

    /** The organization's tokens, newest first. */
    List<ReportToken> ofOrganization(UUID organizationId);
}
