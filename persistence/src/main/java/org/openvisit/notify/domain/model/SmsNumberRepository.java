package org.openvisit.notify.domain.model;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The organizations' sending numbers (global store). */
public interface SmsNumberRepository {

    void add(SmsNumber number);

    Optional<SmsNumber> find(UUID id);

    /** The organization's numbers, newest request first (released ones too: the page shows them). */
    List<SmsNumber> findByOrganization(UUID organizationId);

    /** The ids of numbers whose provisioning job has work to do (REQUESTED, IN_PROGRESS), oldest first. */
    List<UUID> findUnfinished(int max);

    /** Every number some organization holds now (E.164): a carrier never gives one twice. */
    Set<String> heldNumbers();

    /** The number held as {@code e164} (a number is held by one organization at a time). */
    Optional<SmsNumber> findHeld(String e164);
}
