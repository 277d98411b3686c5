package org.openvisit.tenant.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import org.openvisit.shared.domain.model.InvalidValueException;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A clinician's one-time link between their EHR user id and their Microsoft Entra identity (object id {@code oid} and
 * tenant id {@code tid}, both GUIDs, from the id_token of their Microsoft sign-in), per organization. Nothing else of
 * the person is kept.
 */
@Entity
@Table(name = "teams_clinician_link")
@NamedQuery(name = ClinicianTeamsLink.OF_USER, query = "select l from ClinicianTeamsLink l "
        + "where l.organizationId = :organization and l.ehrUserId = :user")
@NamedQuery(name = ClinicianTeamsLink.OF_ORGANIZATION, query = "select l from ClinicianTeamsLink l "
        + "where l.organizationId = :organization order by l.linkedAt desc, l.id")
@NamedQuery(name = ClinicianTeamsLink.COUNT_OF_ORGANIZATION, query = "select count(l) from ClinicianTeamsLink l "
        + "where l.organizationId = :organization")
public class ClinicianTeamsLink {

    public static final String OF_USER = "ClinicianTeamsLink.ofUser";
    public static final String OF_ORGANIZATION = "ClinicianTeamsLink.ofOrganization";
    public static final String COUNT_OF_ORGANIZATION = "ClinicianTeamsLink.countOfOrganization";
    public static final int MAX_EHR_USER_ID_LENGTH = 255;
    private static final Pattern GUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    @Id
    @Column(name = "id", length = 36, nullable = false, updatable = false)
    private String id;

    @Column(name = "organization_id", length = 36, nullable = false, updatable = false)
    private String organizationId;

    @Column(name = "ehr_user_id", length = MAX_EHR_USER_ID_LENGTH, nullable = false, updatable = false)
    private String ehrUserId;

    @Column(name = "entra_tenant_id", length = 64, nullable = false)
    private String entraTenantId;

    @Column(name = "entra_object_id", length = 64, nullable = false)
    private String entraObjectId;

    @Column(name = "linked_at", nullable = false)
    private Instant linkedAt;

    protected ClinicianTeamsLink() {
        // for JPA
    }

    /** @throws InvalidValueException no EHR user, or ids that are not Entra's GUIDs */
    public ClinicianTeamsLink(UUID organizationId, String ehrUserId, String entraTenantId, String entraObjectId,
                              Instant at) {
        String user = ehrUserId == null ? "" : ehrUserId.strip();
        if (user.isEmpty() || user.length() > MAX_EHR_USER_ID_LENGTH) {
            throw new InvalidValueException("ehrUserId", "The EHR user id must be 1-" + MAX_EHR_USER_ID_LENGTH
                    + " characters.");
        }
        this.id = UUID.randomUUID().toString();
        this.organizationId = Objects.requireNonNull(organizationId, "organizationId").toString();
        this.ehrUserId = user;
        relink(entraTenantId, entraObjectId, at);
    }

    /** The clinician signed in again (perhaps as another Microsoft account): the link now names that one. */
    public void relink(String entraTenantId, String entraObjectId, Instant at) {
        if (entraTenantId == null || !GUID.matcher(entraTenantId).matches()) {
            throw new InvalidValueException("entraTenantId", "Entra's tenant id (tid) is a GUID.");
        }
        if (entraObjectId == null || !GUID.matcher(entraObjectId).matches()) {
            throw new InvalidValueException("entraObjectId", "Entra's object id (oid) is a GUID.");
        }
        this.entraTenantId = entraTenantId.toLowerCase(java.util.Locale.ROOT);
        this.entraObjectId = entraObjectId.toLowerCase(java.util.Locale.ROOT);
        this.linkedAt = Objects.requireNonNull(at, "at");
    }

    public UUID id() {
        return UUID.fromString(id);
    }

    public UUID organizationId() {
        return UUID.fromString(organizationId);
    }

    public String ehrUserId() {
        return ehrUserId;
    }

    public String entraTenantId() {
        return entraTenantId;
    }

    public String entraObjectId() {
        return entraObjectId;
    }

    public Instant linkedAt() {
        return linkedAt;
    }
}
