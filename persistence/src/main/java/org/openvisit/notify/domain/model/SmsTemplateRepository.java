package org.openvisit.notify.domain.model;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The organizations' own SMS wordings, for the whole organization or one endpoint (global store). */
public interface SmsTemplateRepository {

    void add(SmsTemplate template);

    /** The wording of one endpoint ({@code endpointId} empty: the organization's own). */
    Optional<SmsTemplate> find(UUID organizationId, Optional<UUID> endpointId, SmsTemplateKind kind, String language);

    /** The organization's wording for all its endpoints. */
    default Optional<SmsTemplate> find(UUID organizationId, SmsTemplateKind kind, String language) {
        return find(organizationId, Optional.empty(), kind, language);
    }

    /** Every wording of the organization, its own and its endpoints'. */
    List<SmsTemplate> ofOrganization(UUID organizationId);

    /** Removes a wording, so the organization's (for an endpoint) or the shipped text is sent again. */
    boolean remove(UUID organizationId, Optional<UUID> endpointId, SmsTemplateKind kind, String language);

    default boolean remove(UUID organizationId, SmsTemplateKind kind, String language) {
        return remove(organizationId, Optional.empty(), kind, language);
    }
}
