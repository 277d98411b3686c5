package org.openvisit.tenant.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A tenant: one hospital or health system. Everything else in OpenVisit (endpoints, users,
 * visits, reports) belongs to exactly one organization.
 */
@Entity
@Table(name = "organization")
@NamedQuery(name = Organization.ALL_BY_NAME, query = "select o from Organization o order by o.nameKey, o.id")
@NamedQuery(name = Organization.BY_NAME_KEY, query = "select o from Organization o where o.nameKey = :nameKey")
@NamedQuery(name = Organization.COUNT, query = "select count(o) from Organization o")
@NamedQuery(name = Organization.WITH_VISIT_RETENTION, query = "select o from Organization o"
        + " where o.visitRetentionDays is not null and o.dataRegion = :region order by o.id")
public class Organization {

    public static final String ALL_BY_NAME = "Organization.allByName";
    public static final String BY_NAME_KEY = "Organization.byNameKey";
    public static final String COUNT = "Organization.count";
    public static final String WITH_VISIT_RETENTION = "Organization.withVisitRetention";
    /** OpenVisit's own rooms: works with no outside service. */
    public static final String DEFAULT_MEETING_PLATFORM = "builtin-rooms";
    private static final Pattern MEETING_PLATFORM_NAME = Pattern.compile("[a-z0-9-]{1,32}");

    @Id
    @Column(name = "id", length = 36, nullable = false, updatable = false)
    private String id;

    @Column(name = "name", length = OrganizationName.MAX_LENGTH * 2, nullable = false)
    private String name;

    @Column(name = "name_key", length = OrganizationName.MAX_LENGTH * 2, nullable = false, unique = true)
    private String nameKey;

    @Enumerated(EnumType.STRING)
    @Column(name = "data_region", length = 16, nullable = false)
    private DataRegion dataRegion;

    @Enumerated(EnumType.STRING)
    @Column(name = "ehr_vendor", length = 32, nullable = false)
    private EhrVendor ehrVendor;

    @Column(name = "meeting_platform", length = 32, nullable = false)
    private String meetingPlatform;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "visit_retention_days")
    private Integer visitRetentionDays;

    @Column(name = "audit_repository_url", length = FhirBaseUrl.MAX_LENGTH)
    private String auditRepositoryUrl;

    /** The tag of the language of patient-facing pages and messages ({@code null}: English). */
    @Column(name = "patient_language", length = 16)
    private String patientLanguage;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected Organization() {
        // for JPA
    }

    private Organization(OrganizationName name, DataRegion dataRegion, EhrVendor ehrVendor, Instant createdAt) {
        this.id = UUID.randomUUID().toString();
        this.meetingPlatform = DEFAULT_MEETING_PLATFORM;
        rename(name);
        this.dataRegion = required(dataRegion, "dataRegion", "Choose the data region where this organization's data lives.");
        this.ehrVendor = required(ehrVendor, "ehrVendor", "Choose the EHR this organization runs.");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    }

    /** Registers a new organization. The data region is fixed from then on: data does not move between regions. */
    public static Organization register(OrganizationName name, DataRegion dataRegion, EhrVendor ehrVendor, Instant at) {
        return new Organization(name, dataRegion, ehrVendor, at);
    }

    /**
     * Its data now lives in {@code region}: only the region move's switch calls this, once the organization's rows were
     * copied to that region's store and verified (see {@code RegionMoveService}).
     */
    public void moveTo(DataRegion region) {
        this.dataRegion = required(region, "dataRegion", "Choose the data region where this organization's data lives.");
    }

    public void rename(OrganizationName newName) {
        OrganizationName checked = required(newName, "name", "The organization name is required.");
        this.name = checked.value();
        this.nameKey = checked.key();
    }

    /**
     * Chooses where this organization's new visits meet (existing visits keep their meeting). The
     * name is one of the installation's meeting platforms; which exist is the application's to check.
     */
    public void chooseMeetingPlatform(String platform) {
        if (platform == null || !MEETING_PLATFORM_NAME.matcher(platform).matches()) {
            throw new InvalidOrganizationException("meetingPlatform", "Choose a meeting platform by its name, such as "
                    + DEFAULT_MEETING_PLATFORM + ".");
        }
        this.meetingPlatform = platform;
    }

    public String meetingPlatform() {
        return meetingPlatform;
    }

    /**
     * Keeps this organization's visits for {@code days} after they were opened, fewer than the installation keeps them
     * ({@code installationDays}; empty: for ever, then at most 3,650); {@code null} goes back to the installation's.
     */
    public void keepVisitsFor(Integer days, java.util.Optional<Integer> installationDays) {
        int most = installationDays.map(d -> d - 1).orElse(3650);
        if (days != null && (days < 1 || days > most)) {
            throw new InvalidOrganizationException("visitDays", installationDays.isPresent()
                    ? "Keep visits for 1 to " + most + " days: this installation keeps them " + installationDays.get()
                    + " days, and an organization may only keep them for less. Leave it empty to keep the installation's."
                    : "Keep visits for 1 to " + most + " days, or leave it empty to keep them as the installation does.");
        }
        this.visitRetentionDays = days;
    }

    /** How many days this organization keeps its visits, when it keeps them for less than the installation. */
    public java.util.Optional<Integer> visitRetentionDays() {
        return java.util.Optional.ofNullable(visitRetentionDays);
    }

    /**
     * Sends this organization's audit events to its own audit repository, a FHIR server at {@code url} (checked by the
     * outbound address policy when it was made); {@code null} stops it.
     *
     * @return whether the setting changed
     */
    public boolean forwardAuditTo(FhirBaseUrl url) {
        String next = url == null ? null : url.value();
        boolean changed = !Objects.equals(next, auditRepositoryUrl);
        this.auditRepositoryUrl = next;
        return changed;
    }

    /** The FHIR base URL of the organization's audit repository, when its audit events are forwarded. */
    public java.util.Optional<String> auditRepositoryUrl() {
        return java.util.Optional.ofNullable(auditRepositoryUrl);
    }

    /**
     * The language of this organization's patient-facing pages and messages when the patient's browser asks for none
     * OpenVisit speaks ({@code null}: English).
     */
    public void speakToPatientsIn(org.openvisit.shared.domain.model.Language language) {
        this.patientLanguage = language == null || language == org.openvisit.shared.domain.model.Language.ENGLISH
                ? null : language.tag();
    }

    public org.openvisit.shared.domain.model.Language patientLanguage() {
        return org.openvisit.shared.domain.model.Language.ofTag(patientLanguage)
                .orElse(org.openvisit.shared.domain.model.Language.ENGLISH);
    }

    public void changeEhrVendor(EhrVendor vendor) {
        this.ehrVendor = required(vendor, "ehrVendor", "Choose the EHR this organization runs.");
    }

    private static <T> T required(T value, String field, String message) {
        if (value == null) {
            throw new InvalidOrganizationException(field, message);
        }
        return value;
    }

    public UUID id() {
        return UUID.fromString(id);
    }

    public OrganizationName name() {
        return new OrganizationName(name);
    }

    public DataRegion dataRegion() {
        return dataRegion;
    }

    public EhrVendor ehrVendor() {
        return ehrVendor;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public long version() {
        return version;
    }
}
