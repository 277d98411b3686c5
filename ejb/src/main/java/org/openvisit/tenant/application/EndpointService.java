package org.openvisit.tenant.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.openvisit.audit.application.AuditTrail;
import org.openvisit.audit.domain.model.AuditActor;
import org.openvisit.audit.domain.model.AuditFact;
import org.openvisit.audit.domain.model.AuditKind;
import org.openvisit.shared.domain.model.InvalidValueException;
import org.openvisit.tenant.domain.model.EndpointStatus;
import org.openvisit.tenant.domain.model.Actor;
import org.openvisit.tenant.domain.model.EhrSharing;
import org.openvisit.tenant.domain.model.EhrSignIn;
import org.openvisit.tenant.domain.model.EndpointAction;
import org.openvisit.tenant.domain.model.EndpointDetails;
import org.openvisit.tenant.domain.model.FhirBaseUrl;
import org.openvisit.tenant.domain.model.FhirEndpoint;
import org.openvisit.tenant.domain.model.FrameAncestors;
import org.openvisit.tenant.domain.model.FhirEndpointRepository;
import org.openvisit.tenant.domain.model.FhirEnvironment;
import org.openvisit.tenant.domain.model.InvalidEndpointException;
import org.openvisit.tenant.domain.model.OrganizationRepository;
import org.openvisit.tenant.domain.model.PortalUsername;
import org.openvisit.tenant.domain.model.Role;
import org.openvisit.tenant.domain.model.SharedEhrNotConfirmedException;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/**
 * FHIR endpoints of organizations and their approval: add, edit, submit, the approver's EHR sign-in,
 * approve, reject, withdraw, read; and the launch's lookup of approved endpoints by issuer.
 * <p>
 * Every method but the launch lookup acts for an {@link Actor}, the signed-in user as the identity
 * layer established it (never an id taken from the request). Tenants are kept apart here: an actor sees
 * only the endpoints of their own organization (an {@link Role#OPERATOR} sees all), and an endpoint of
 * another organization is answered exactly like one that does not exist ({@link EndpointNotFoundException}).
 * Within the organization, who may do which action and from which status is the model's business
 * ({@link FhirEndpoint}). Each method is one transaction; callers get records, never entities.
 */
@Stateless
public class EndpointService {

    public static final int MAX_PAGE_SIZE = 200;

    private static final String UNIQUE_VIOLATION = "23505"; // SQLSTATE, the same on H2 and PostgreSQL

    @Inject
    private FhirEndpointRepository endpoints;

    @Inject
    private OrganizationRepository organizations;

    @Inject
    private OutboundAddressConfiguration addresses;

    @jakarta.ejb.EJB
    private AuditTrail trail;

    /** Only to flush inside the method, so that conflicts surface here as named exceptions. */
    @PersistenceContext(unitName = "openvisit")
    private EntityManager entityManager;

    private final Clock clock = Clock.systemUTC();

    /**
     * An organization admin adds an endpoint. It starts as DRAFT, or AWAITING_APPROVAL when
     * {@code submitForApproval} is set.
     *
     * @throws InvalidEndpointException    a value refused (field {@code organizationId}, {@code baseUrl}, ...);
     *                                     an organization the actor does not belong to counts as unknown
     * @throws DuplicateEndpointException  the organization has this URL in this environment already
     * @throws org.openvisit.tenant.domain.model.EndpointActionForbiddenException the actor is not an ORG_ADMIN of it
     */
    public EndpointView register(@NotNull(message = "{openvisit.actor.required}") Actor actor,
                                 @NotNull(message = "{openvisit.endpoint.detailsRequired}") NewEndpoint request,
                                 boolean submitForApproval) {
        return register(actor, request, submitForApproval, false);
    }

    /**
     * As {@link #register(Actor, NewEndpoint, boolean)}, for a FHIR base URL that another organization of this
     * installation may use too: then it is registered only when {@code sharedEhrConfirmed} (the administrator
     * chose "register it as a shared EHR"; the endpoint keeps the choice and its history says so).
     *
     * @throws SharedEhrNotConfirmedException another organization uses the URL and it was not confirmed as shared
     */
    public EndpointView register(@NotNull(message = "{openvisit.actor.required}") Actor actor,
                                 @NotNull(message = "{openvisit.endpoint.detailsRequired}") NewEndpoint request,
                                 boolean submitForApproval, boolean sharedEhrConfirmed) {
        UUID organizationId = existingOrganizationOf(actor, request.organizationId());
        EndpointDetails details = details(request.baseUrl(), request.environment(), request.label(),
                request.approver());
        endpoints.findByOrganizationEnvironmentAndUrl(organizationId, details.environment(), details.baseUrl())
                .ifPresent(existing -> {
                    throw new DuplicateEndpointException(details.baseUrl(), details.environment(), existing.status());
                });
        var now = clock.instant();
        FhirEndpoint endpoint = FhirEndpoint.create(organizationId, details,
                sharing(organizationId, details.baseUrl(), sharedEhrConfirmed), actor, now);
        if (submitForApproval) {
            endpoint.submitForApproval(actor, now);
        }
        try {
            endpoints.add(endpoint);
        } catch (PersistenceException e) {
            if (mayBeUniqueViolation(e)) {
                // the unique constraint is the last word when two people add the same URL at once
                throw new DuplicateEndpointException(details.baseUrl(), details.environment());
            }
            throw e;
        }
        audited(actor, endpoint, EndpointStatus.DRAFT);
        return view(actor, endpoint);
    }

    /**
     * Whether another organization of this installation has an endpoint (in any status) with this FHIR base
     * URL: what the administrator of {@code organizationId} is told before registering it, so that they can
     * confirm it as a shared EHR. Nothing else about the other organizations is answered: not which, not how
     * many, not their status. An address that is no acceptable FHIR base URL is answered {@code false} (the
     * registration says what is wrong with it).
     *
     * @throws org.openvisit.tenant.domain.model.EndpointActionForbiddenException the actor is not an ORG_ADMIN
     *                                                                            of the organization
     */
    public boolean registeredByAnotherOrganization(@NotNull(message = "{openvisit.actor.required}") Actor actor,
                                                   @NotNull(message = "{openvisit.organization.idRequired}")
                                                   UUID organizationId, String baseUrl) {
        if (!actor.hasRoleIn(Role.ORG_ADMIN, organizationId)) {
            throw new org.openvisit.tenant.domain.model.EndpointActionForbiddenException(EndpointAction.CREATE,
                    "Only an administrator (ORG_ADMIN) of the organization may add a FHIR endpoint to it.");
        }
        try {
            return sharing(organizationId, FhirBaseUrl.of(baseUrl, addresses.policy()), false)
                    .usedByAnotherOrganization();
        } catch (InvalidValueException notAFhirBaseUrl) {
            return false;
        }
    }

    /**
     * Checks an entered FHIR base URL as registering would (form, length, the outbound address policy), for a form
     * that asks for it on a step of its own; nothing is saved.
     *
     * @return the URL as it would be stored
     * @throws org.openvisit.tenant.domain.model.InvalidFhirBaseUrlException saying what is wrong and what is accepted
     */
    public String checkBaseUrl(String baseUrl) {
        return FhirBaseUrl.of(baseUrl, addresses.policy()).value();
    }

    /**
     * The admin saves the endpoint's values. {@code expectedVersion} is the version the admin's form was
     * filled from; when the endpoint changed since, nothing is saved. An endpoint under or after review goes
     * back to AWAITING_APPROVAL (an approved one is out of service until approved again); saving the same
     * values changes nothing.
     *
     * @throws ConcurrentEndpointChangeException someone else changed the endpoint since {@code expectedVersion}
     * @throws DuplicateEndpointException        the new URL and environment are another endpoint's of the organization
     */
    public EndpointView edit(@NotNull(message = "{openvisit.actor.required}") Actor actor,
                             @NotNull(message = "{openvisit.endpoint.idRequired}") UUID endpointId,
                             @NotNull(message = "{openvisit.endpoint.detailsRequired}") EndpointChanges changes,
                             long expectedVersion) {
        return edit(actor, endpointId, changes, expectedVersion, false);
    }

    /**
     * As {@link #edit(Actor, UUID, EndpointChanges, long)}; a new FHIR base URL that another organization uses
     * is saved only when {@code sharedEhrConfirmed}, exactly as when registering it (see
     * {@link #register(Actor, NewEndpoint, boolean, boolean)}). A new URL nobody else uses is the organization's
     * own again; without a new URL the recorded choice stays.
     *
     * @throws SharedEhrNotConfirmedException the new URL is another organization's too and was not confirmed
     */
    public EndpointView edit(@NotNull(message = "{openvisit.actor.required}") Actor actor,
                             @NotNull(message = "{openvisit.endpoint.idRequired}") UUID endpointId,
                             @NotNull(message = "{openvisit.endpoint.detailsRequired}") EndpointChanges changes,
                             long expectedVersion, boolean sharedEhrConfirmed) {
        FhirEndpoint endpoint = visible(actor, endpointId);
        if (endpoint.version() != expectedVersion) {
            throw new ConcurrentEndpointChangeException(endpointId);
        }
        EndpointDetails details = details(changes.baseUrl(), changes.environment(), changes.label(),
                changes.approver());
        boolean keyChanged = !details.baseUrl().equals(endpoint.baseUrl())
                || details.environment() != endpoint.environment();
        if (keyChanged) {
            endpoints.findByOrganizationEnvironmentAndUrl(endpoint.organizationId(), details.environment(),
                            details.baseUrl())
                    .filter(other -> !other.id().equals(endpoint.id()))
                    .ifPresent(other -> {
                        throw new DuplicateEndpointException(details.baseUrl(), details.environment(), other.status());
                    });
        }
        EhrSharing sharing = details.baseUrl().equals(endpoint.baseUrl()) ? EhrSharing.NOT_SHARED
                : sharing(endpoint.organizationId(), details.baseUrl(), sharedEhrConfirmed);
        EndpointStatus before = endpoint.status();
        if (endpoint.edit(details, sharing, actor, clock.instant())) {
            flush(endpoint, keyChanged ? details : null);
            audited(actor, endpoint, before);
        }
        return view(actor, endpoint);
    }

    /** The admin asks the approver to review: from DRAFT, or again from REJECTED or WITHDRAWN. */
    public EndpointView submitForApproval(@NotNull(message = "{openvisit.actor.required}") Actor actor,
                                          @NotNull(message = "{openvisit.endpoint.idRequired}") UUID endpointId) {
        return transition(actor, endpointId, (endpoint, at) -> endpoint.submitForApproval(actor, at));
    }

    /**
     * The named approver signed in to the EHR for the endpoint's base URL (called by the EHR sign-in flow once
     * the sign-in succeeded). Recorded, in this one transaction, only when the sign-in proves staff access and
     * the endpoint is still what the sign-in was started for ({@link FhirEndpoint#recordEhrVerification}); a
     * change committed by someone else while this is written is refused as well. Only the fact, the time and
     * the EHR user id are kept.
     *
     * @throws org.openvisit.tenant.domain.model.EhrUserNotStaffException             no staff access proven
     * @throws org.openvisit.tenant.domain.model.EndpointChangedDuringSignInException the endpoint changed meanwhile
     * @throws ConcurrentEndpointChangeException                                      it changed while this was written
     */
    public EndpointView recordEhrVerification(@NotNull(message = "{openvisit.actor.required}") Actor actor,
                                              @NotNull(message = "{openvisit.endpoint.idRequired}") UUID endpointId,
                                              @NotNull(message = "{openvisit.endpoint.ehrSignInRequired}") EhrSignIn signIn) {
        return transition(actor, endpointId, (endpoint, at) -> endpoint.recordEhrVerification(actor, signIn, at));
    }

    /**
     * A verification by the EHR user {@code ehrUser} bound to the endpoint as it is now, when no sign-in was in
     * flight to bind to (tools and tests); the staff-access rule applies all the same. The portal's sign-in
     * uses {@link #recordEhrVerification(Actor, UUID, EhrSignIn)}.
     */
    public EndpointView recordEhrVerification(@NotNull(message = "{openvisit.actor.required}") Actor actor,
                                              @NotNull(message = "{openvisit.endpoint.idRequired}") UUID endpointId,
                                              String ehrUser) {
        return transition(actor, endpointId,
                (endpoint, at) -> endpoint.recordEhrVerification(actor, endpoint.signInFor(ehrUser), at));
    }

    /** The named approver approves an EHR_VERIFIED endpoint; it is in service from then on. */
    public EndpointView approve(@NotNull(message = "{openvisit.actor.required}") Actor actor,
                                @NotNull(message = "{openvisit.endpoint.idRequired}") UUID endpointId) {
        return transition(actor, endpointId, (endpoint, at) -> endpoint.approve(actor, at));
    }

    /** The named approver rejects, saying why. */
    public EndpointView reject(@NotNull(message = "{openvisit.actor.required}") Actor actor,
                               @NotNull(message = "{openvisit.endpoint.idRequired}") UUID endpointId,
                               String reason) {
        return transition(actor, endpointId, (endpoint, at) -> endpoint.reject(actor, reason, at));
    }

    /** The admin, or an operator, takes the endpoint out of use, saying why. */
    public EndpointView withdraw(@NotNull(message = "{openvisit.actor.required}") Actor actor,
                                 @NotNull(message = "{openvisit.endpoint.idRequired}") UUID endpointId,
                                 String reason) {
        return transition(actor, endpointId, (endpoint, at) -> endpoint.withdraw(actor, reason, at));
    }

    /**
     * The admin says which sites may show the endpoint's launch and visit pages in a frame: origins
     * ({@code https://host[:port]}; {@code http} only in development mode) separated by spaces, commas or
     * line breaks; blank goes back to the default, the site of the FHIR base URL. The status stays.
     *
     * @throws org.openvisit.tenant.domain.model.InvalidFrameAncestorsException a value refused, with the reason
     */
    public EndpointView setFrameAncestors(@NotNull(message = "{openvisit.actor.required}") Actor actor,
                                          @NotNull(message = "{openvisit.endpoint.idRequired}") UUID endpointId,
                                          String origins) {
        FrameAncestors ancestors = FrameAncestors.parse(origins, addresses.policy().developmentMode());
        return transition(actor, endpointId, (endpoint, at) -> endpoint.setFrameAncestors(ancestors, actor, at));
    }

    /** Which sites may frame the endpoint's launch and visit pages, when the actor may see it. */
    public EndpointFraming framing(@NotNull(message = "{openvisit.actor.required}") Actor actor,
                                   @NotNull(message = "{openvisit.endpoint.idRequired}") UUID endpointId) {
        FhirEndpoint endpoint = visible(actor, endpointId);
        return new EndpointFraming(endpoint.frameAncestors().origins(), endpoint.frameAncestorsSetting().isPresent(),
                FrameAncestors.defaultFor(endpoint.baseUrl()).origins());
    }

    /** One step of the approval: on the endpoint the actor may see, at this instant, written at once. */
    private EndpointView transition(Actor actor, UUID endpointId, BiConsumer<FhirEndpoint, Instant> step) {
        FhirEndpoint endpoint = visible(actor, endpointId);
        EndpointStatus before = endpoint.status();
        step.accept(endpoint, clock.instant());
        flush(endpoint, null);
        audited(actor, endpoint, before);
        return view(actor, endpoint);
    }

    /**
     * An approval step (the endpoint's status changed) into the organization's audit trail, once this transaction
     * committed; other changes (values, framing) stay in the endpoint's own history.
     */
    private void audited(Actor actor, FhirEndpoint endpoint, EndpointStatus before) {
        if (endpoint.status() == before) {
            return;
        }
        AuditKind kind = switch (endpoint.status()) {
            case AWAITING_APPROVAL -> AuditKind.ENDPOINT_SUBMITTED;
            case EHR_VERIFIED -> AuditKind.ENDPOINT_VERIFIED;
            case APPROVED -> AuditKind.ENDPOINT_APPROVED;
            case REJECTED -> AuditKind.ENDPOINT_REJECTED;
            case WITHDRAWN -> AuditKind.ENDPOINT_WITHDRAWN;
            case DRAFT -> null;
        };
        if (kind != null) {
            trail.recordAfterGlobalChange(AuditFact.of(kind, AuditActor.portalUser(actor.username()))
                    .withOrganization(endpoint.organizationId()).withEndpoint(endpoint.id()));
        }
    }

    /** The endpoint with its history, when the actor may see it; an operator also sees who shares its URL. */
    public EndpointView find(@NotNull(message = "{openvisit.actor.required}") Actor actor,
                             @NotNull(message = "{openvisit.endpoint.idRequired}") UUID endpointId) {
        return view(actor, visible(actor, endpointId));
    }

    /** The endpoint's history, oldest first, when the actor may see it. */
    public List<StatusChangeView> history(@NotNull(message = "{openvisit.actor.required}") Actor actor,
                                          @NotNull(message = "{openvisit.endpoint.idRequired}") UUID endpointId) {
        return visible(actor, endpointId).history().stream().map(StatusChangeView::of).toList();
    }

    /**
     * A page of an organization's endpoints, ordered by base URL and environment. For an organization the
     * actor does not belong to (and for one that does not exist) the page is empty, so nothing tells the two apart.
     */
    public EndpointPage list(@NotNull(message = "{openvisit.actor.required}") Actor actor,
                             @NotNull(message = "{openvisit.organization.idRequired}") UUID organizationId,
                             @Min(value = 0, message = "{openvisit.page.first}") int first,
                             @Min(value = 1, message = "{openvisit.page.maxAtLeastOne}")
                             @Max(value = MAX_PAGE_SIZE, message = "{openvisit.page.maxAtMost}") int max) {
        if (!mayRead(actor, organizationId)) {
            return EndpointPage.empty(first, max);
        }
        List<FhirEndpoint> page = endpoints.findByOrganization(organizationId, first, max);
        Map<FhirBaseUrl, List<SharingOrganization>> sharing = actor.hasRole(Role.OPERATOR)
                ? otherOrganizations(page) : Map.of();
        return new EndpointPage(page.stream().map(endpoint -> EndpointSummary.of(endpoint,
                        actor.hasRole(Role.OPERATOR) ? sharing.getOrDefault(endpoint.baseUrl(), List.of()) : null))
                .toList(), endpoints.countByOrganization(organizationId), first, max);
    }

    /**
     * The launch's lookup: the APPROVED endpoints whose base URL is {@code iss} once put in normal form (so
     * {@code HTTPS://EHR.example.org:443/FHIR/R4/} finds {@code https://ehr.example.org/FHIR/R4}). An issuer
     * that is no acceptable FHIR base URL finds nothing. Several organizations may share one approved URL;
     * all of them are returned and the caller decides.
     */
    public List<EndpointSummary> findApprovedByIssuer(String iss) {
        Optional<FhirBaseUrl> baseUrl = issuer(iss);
        return baseUrl.map(url -> endpoints.findApprovedByBaseUrl(url).stream().map(EndpointSummary::of).toList())
                .orElse(List.of());
    }

    /**
     * The launch lookup by an endpoint's own launch URL: the endpoints with this launch key, whatever their status
     * (one; several only for development mode's demo, whose base URLs differ).
     */
    public List<EndpointSummary> findByLaunchKey(String launchKey) {
        if (launchKey == null || launchKey.isBlank() || launchKey.length() > 64) {
            return List.of();
        }
        return endpoints.findByLaunchKey(launchKey).stream().map(EndpointSummary::of).toList();
    }

    /** The endpoint as {@code actor} may see it: operators also see the other organizations at its URL. */
    private EndpointView view(Actor actor, FhirEndpoint endpoint) {
        if (!actor.hasRole(Role.OPERATOR)) {
            return EndpointView.of(endpoint);
        }
        return EndpointView.of(endpoint, otherOrganizations(List.of(endpoint)).getOrDefault(endpoint.baseUrl(),
                List.of()));
    }

    /** For each endpoint's URL, the organizations other than the endpoint's own that use it, by name. */
    private Map<FhirBaseUrl, List<SharingOrganization>> otherOrganizations(List<FhirEndpoint> page) {
        Map<FhirBaseUrl, Set<UUID>> using = endpoints.organizationsUsing(
                page.stream().map(FhirEndpoint::baseUrl).collect(Collectors.toSet()));
        Map<UUID, String> names = new HashMap<>();
        Map<FhirBaseUrl, List<SharingOrganization>> others = new HashMap<>();
        for (FhirEndpoint endpoint : page) {
            List<SharingOrganization> list = using.getOrDefault(endpoint.baseUrl(), Set.of()).stream()
                    .filter(id -> !id.equals(endpoint.organizationId()))
                    .map(id -> new SharingOrganization(id, names.computeIfAbsent(id, this::organizationName)))
                    .sorted(Comparator.comparing(SharingOrganization::name, String.CASE_INSENSITIVE_ORDER))
                    .toList();
            others.put(endpoint.baseUrl(), list);
        }
        return others;
    }

    private String organizationName(UUID id) {
        return organizations.find(id).map(o -> o.name().value()).orElse(id.toString());
    }

    /** Whether another organization than {@code organizationId} uses {@code baseUrl}, with the admin's choice. */
    private EhrSharing sharing(UUID organizationId, FhirBaseUrl baseUrl, boolean confirmed) {
        boolean usedElsewhere = endpoints.organizationsUsing(List.of(baseUrl)).getOrDefault(baseUrl, Set.of())
                .stream().anyMatch(id -> !id.equals(organizationId));
        return new EhrSharing(usedElsewhere, confirmed);
    }

    private Optional<FhirBaseUrl> issuer(String iss) {
        if (iss == null || iss.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(FhirBaseUrl.of(iss, addresses.policy()));
        } catch (InvalidValueException notAFhirBaseUrl) {
            return Optional.empty();
        }
    }

    private EndpointDetails details(String baseUrl, FhirEnvironment environment,
                                    String label, String approver) {
        FhirBaseUrl url = FhirBaseUrl.of(baseUrl, addresses.policy());
        return new EndpointDetails(url, environment, label, approver == null ? null : new PortalUsername(approver));
    }

    /** The organization to add an endpoint to; one the actor does not belong to is refused like an unknown one. */
    private UUID existingOrganizationOf(Actor actor, UUID organizationId) {
        if (organizationId == null) {
            throw new InvalidEndpointException("organizationId", "Choose the organization the endpoint belongs to.");
        }
        if (!mayRead(actor, organizationId) || organizations.find(organizationId).isEmpty()) {
            throw new InvalidEndpointException("organizationId", "There is no organization with the id "
                    + organizationId + ".");
        }
        return organizationId;
    }

    /** The endpoint, when it exists and the actor may see it; otherwise the same answer either way. */
    private FhirEndpoint visible(Actor actor, UUID endpointId) {
        return endpoints.find(endpointId)
                .filter(endpoint -> mayRead(actor, endpoint.organizationId()))
                .orElseThrow(() -> new EndpointNotFoundException(endpointId));
    }

    /** Members of the organization (any role in it) and operators of the installation. */
    private static boolean mayRead(Actor actor, UUID organizationId) {
        if (actor.hasRole(Role.OPERATOR)) {
            return true;
        }
        return organizationId.equals(actor.organizationId())
                && actor.roles().stream().anyMatch(Role::isOrganizationRole);
    }

    /**
     * Writes the change now, so that another transaction's change to the same endpoint (the version column)
     * or a clash with another endpoint's URL ({@code changedKey}) surfaces here as a named exception.
     */
    private void flush(FhirEndpoint endpoint, EndpointDetails changedKey) {
        try {
            entityManager.flush();
        } catch (PersistenceException e) {
            if (isOptimisticLockFailure(e)) {
                throw new ConcurrentEndpointChangeException(endpoint.id());
            }
            if (mayBeUniqueViolation(e)) {
                if (changedKey != null) {
                    throw new DuplicateEndpointException(changedKey.baseUrl(), changedKey.environment());
                }
                // the history's (endpoint, sequence) key: another transaction added a change first
                throw new ConcurrentEndpointChangeException(endpoint.id());
            }
            throw e;
        }
    }

    private static boolean isOptimisticLockFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // the provider's own exception may be reported instead of (or wrapped in) the Jakarta one
            if (t instanceof OptimisticLockException || t.getClass().getSimpleName().equals("OptimisticLockException")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the database refused a duplicate key: SQLSTATE 23505 (H2 and PostgreSQL alike), or no SQL
     * state reported at all. A failure that names another SQL state (the database unreachable, say) is not.
     */
    private static boolean mayBeUniqueViolation(Throwable e) {
        String state = null;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                state = sql.getSQLState();
            }
        }
        return state == null || UNIQUE_VIOLATION.equals(state);
    }
}
