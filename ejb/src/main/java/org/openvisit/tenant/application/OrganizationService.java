package org.openvisit.tenant.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.openvisit.visit.application.MeetingPlatforms;
import jakarta.persistence.PersistenceException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.openvisit.tenant.domain.model.Organization;
import org.openvisit.tenant.domain.model.OrganizationName;
import org.openvisit.tenant.domain.model.OrganizationRepository;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Registers and lists organizations (tenants). */
@Stateless
public class OrganizationService {

    public static final int MAX_PAGE_SIZE = 200;

    @Inject
    private OrganizationRepository organizations;

    @Inject
    private MeetingPlatforms meetingPlatforms;

    @Inject
    private org.openvisit.tenant.domain.model.TeamsSettingsRepository teamsSettings;

    @jakarta.ejb.EJB
    private org.openvisit.audit.application.AuditTrail trail;

    private final Clock clock = Clock.systemUTC();

    public OrganizationSummary register(@NotNull(message = "{openvisit.organization.detailsRequired}")
                                        @Valid NewOrganization request) {
        OrganizationName name = new OrganizationName(request.name());
        if (organizations.findByName(name).isPresent()) {
            throw new DuplicateOrganizationException(name.value());
        }
        Organization organization = Organization.register(name, request.dataRegion(), request.ehrVendor(),
                clock.instant());
        try {
            organizations.add(organization);
        } catch (PersistenceException raceWithAnotherRegistration) {
            // the unique index on name_key is the last word when two people register the same name at once
            throw new DuplicateOrganizationException(name.value());
        }
        return OrganizationSummary.of(organization);
    }

    /**
     * Chooses the meeting platform of the organization's new visits (existing visits keep theirs).
     *
     * @throws org.openvisit.shared.domain.model.InvalidValueException no such platform in this installation, or
     *                                                                  Microsoft Teams before its settings are saved
     */
    public OrganizationSummary chooseMeetingPlatform(@NotNull UUID id,
                                                     @NotNull(message = "{openvisit.organization.platformRequired}") String platform) {
        Organization organization = organizations.find(id).orElseThrow(() -> new OrganizationNotFoundException(id));
        if (TeamsSettingsService.TEAMS.equals(platform)
                && teamsSettings.find(id).filter(org.openvisit.tenant.domain.model.TeamsSettings::hasCredential).isEmpty()) {
            throw new org.openvisit.shared.domain.model.InvalidValueException("meetingPlatform", "Save the "
                    + "organization's Microsoft Teams settings first: without them no Teams meeting can be made.");
        }
        organization.chooseMeetingPlatform(meetingPlatforms.named(platform).name());
        return OrganizationSummary.of(organization);
    }

    /**
     * Edits an organization: its name, its EHR and the language of its patient-facing pages and messages. The data
     * region stays (a region move changes it, see {@code RegionMoveService}). An operator may edit any organization,
     * an organization's administrators their own. Audited when anything changed.
     *
     * @throws DuplicateOrganizationException another organization has that name
     */
    public OrganizationSummary edit(@NotNull(message = "{openvisit.actor.required}") org.openvisit.tenant.domain.model.Actor actor,
                                    @NotNull UUID id, @NotNull(message = "{openvisit.organization.detailsRequired}")
                                    @Valid OrganizationChange change) {
        if (!actor.hasRole(org.openvisit.tenant.domain.model.Role.OPERATOR)
                && !actor.hasRoleIn(org.openvisit.tenant.domain.model.Role.ORG_ADMIN, id)) {
            throw new org.openvisit.shared.domain.model.ForbiddenException("Only an operator or an administrator "
                    + "(ORG_ADMIN) of the organization may edit it.").worded("organization.notYours");
        }
        Organization organization = organizations.find(id).orElseThrow(() -> new OrganizationNotFoundException(id));
        OrganizationName name = new OrganizationName(change.name());
        organizations.findByName(name).filter(other -> !other.id().equals(id)).ifPresent(other -> {
            throw new DuplicateOrganizationException(name.value());
        });
        StringBuilder changed = new StringBuilder();
        if (!organization.name().value().equals(name.value())) {
            changed.append("name \"").append(organization.name().value()).append("\" -> \"").append(name.value())
                    .append("\"; ");
        }
        if (change.ehrVendor() != null && change.ehrVendor() != organization.ehrVendor()) {
            changed.append("EHR ").append(organization.ehrVendor()).append(" -> ").append(change.ehrVendor()).append("; ");
        }
        var language = change.patientLanguage() == null ? org.openvisit.shared.domain.model.Language.ENGLISH
                : change.patientLanguage();
        if (language != organization.patientLanguage()) {
            changed.append("patients' language ").append(organization.patientLanguage().tag()).append(" -> ")
                    .append(language.tag()).append("; ");
        }
        organization.rename(name);
        if (change.ehrVendor() != null) {
            organization.changeEhrVendor(change.ehrVendor());
        }
        organization.speakToPatientsIn(language);
        if (!changed.isEmpty()) {
            trail.recordAfterGlobalChange(org.openvisit.audit.domain.model.AuditFact.of(
                            org.openvisit.audit.domain.model.AuditKind.ORGANIZATION_CHANGED,
                            org.openvisit.audit.domain.model.AuditActor.portalUser(actor.username()))
                    .withOrganization(id).withDetail(changed.substring(0, changed.length() - 2)));
        }
        return OrganizationSummary.of(organization);
    }

    /** The meeting platforms organizations may choose from. */
    public List<String> meetingPlatforms() {
        return meetingPlatforms.names();
    }

    public Optional<OrganizationSummary> find(@NotNull UUID id) {
        return organizations.find(id).map(OrganizationSummary::of);
    }

    public OrganizationPage list(@Min(value = 0, message = "{openvisit.page.first}") int first,
                                 @Min(value = 1, message = "{openvisit.page.maxAtLeastOne}")
                                 @Max(value = MAX_PAGE_SIZE, message = "{openvisit.page.maxAtMost}") int max) {
        return new OrganizationPage(organizations.list(first, max).stream().map(OrganizationSummary::of).toList(),
                organizations.count(), first, max);
    }
}
