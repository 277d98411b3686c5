package org.openvisit.notify.domain.model;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The organizations' own SMS wordings (global store). */
public interface SmsTemplateRepository {

    void add(SmsTemplate template);

    Optional<SmsTemplate> find(UUID organizationId, SmsTemplateKind kind, String language);

    List<SmsTemplate> ofOrganization(UUID organizationId);

    /** Removes the organization's wording, so the shipped text is sent again. @return whether there was one */
    boolean remove(UUID organizationId, SmsTemplateKind kind, String language);
}
