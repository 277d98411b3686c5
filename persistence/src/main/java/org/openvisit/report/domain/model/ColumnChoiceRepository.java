package org.openvisit.report.domain.model;

import java.util.Optional;
import java.util.UUID;

/** The reports' column choices of portal accounts, in the global store. */
public interface ColumnChoiceRepository {

    Optional<ColumnChoice> find(UUID accountId);

    void add(ColumnChoice choice);
}
