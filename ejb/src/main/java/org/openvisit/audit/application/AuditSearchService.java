package org.openvisit.audit.application;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openvisit.audit.domain.model.AuditActor;
import org.openvisit.audit.domain.model.AuditFact;
import org.openvisit.audit.domain.model.AuditKind;
import org.openvisit.audit.domain.model.AuditRecord;
import org.openvisit.audit.domain.model.AuditSort;
import org.openvisit.audit.domain.model.AuditTrailRepository;
import org.openvisit.audit.domain.model.InstallationAuditRepository;
import org.openvisit.audit.infrastructure.fhir.AuditBundles;
import org.openvisit.ehr.fhir.FhirClients;
import org.openvisit.region.application.RegionDirectory;
import org.openvisit.shared.domain.model.ForbiddenException;
import org.openvisit.tenant.domain.model.Actor;
import org.openvisit.tenant.domain.model.Role;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reading an audit trail: an organization's (its administrators, and operators) from its regional store, the
 * installation's own (operators) from the global store; a page sorted and cut in the database, a FHIR searchset
 * Bundle of AuditEvents for the API, and the whole search as a file a chunk at a time. Every export is audited
 * itself.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // one store at a time, each read outside a transaction
public class AuditSearchService {

    public static final int MAX_PAGE_SIZE = 200;
    /** The most events one export writes (a longer trail: a shorter period, or the API's pages). */
    public static final int MAX_EXPORT = 100_000;
    static final int EXPORT_CHUNK = 500;
    static final String DEFAULT_OBSERVER = "urn:openvisit:installation";

    @EJB
    private RegionDirectory regions;

    @Inject
    private InstallationAuditRepository installation;

    @EJB
    private AuditTrail trail;

    @Inject
    private FhirClients fhir;

    @Inject
    @ConfigProperty(name = "openvisit.public-url")
    private Optional<String> publicUrl;

    /** @throws ForbiddenException the actor may not read this trail */
    public AuditPage page(@NotNull Actor actor, @NotNull AuditQuery query, @NotNull AuditSort sort, boolean ascending,
                          int first, int max) {
        AuditTrailRepository<? extends AuditRecord> store = store(actor, query);
        int size = Math.max(1, Math.min(max, MAX_PAGE_SIZE));
        List<AuditEntry> entries = store.search(query.filter(), sort, ascending, Math.max(0, first), size).stream()
                .map(AuditEntry::of).toList();
        return new AuditPage(entries, store.count(query.filter()));
    }

    /**
     * A page (newest first) as a FHIR searchset Bundle in JSON, audited as an export of the actor's.
     *
     * @param self the request's address, {@code next} the next page's ({@code null} on the last page: see the total)
     */
    public String bundle(@NotNull Actor actor, @NotNull AuditQuery query, int first, int max, String self,
                         java.util.function.IntFunction<String> next) {
        AuditPage page = page(actor, query, AuditSort.RECORDED_AT, false, first, max);
        exported(actor, query, "FHIR Bundle (API)", page.entries().size());
        int from = Math.max(0, first);
        boolean more = from + page.entries().size() < page.total();
        return AuditBundles.searchset(fhir.context(), page.entries(), page.total(), observer(), self,
                more ? next.apply(from + page.entries().size()) : null);
    }

    /**
     * Every event of the search (at most {@link #MAX_EXPORT}, oldest first) handed to {@code sink} a chunk at a time,
     * audited as an export in {@code format}; the permission is checked before the first one.
     *
     * @return how many were written
     */
    public int export(@NotNull Actor actor, @NotNull AuditQuery query, @NotNull String format,
                      @NotNull Consumer<List<AuditEntry>> sink) {
        AuditTrailRepository<? extends AuditRecord> store = store(actor, query);
        int written = 0;
        while (written < MAX_EXPORT) {
            List<AuditEntry> chunk = store.search(query.filter(), AuditSort.RECORDED_AT, true, written,
                    Math.min(EXPORT_CHUNK, MAX_EXPORT - written)).stream().map(AuditEntry::of).toList();
            if (chunk.isEmpty()) {
                break;
            }
            sink.accept(chunk);
            written += chunk.size();
            if (chunk.size() < EXPORT_CHUNK) {
                break;
            }
        }
        exported(actor, query, format, written);
        return written;
    }

    /** One event as a FHIR AuditEvent in JSON (an export file's entry). */
    public String eventJson(@NotNull AuditEntry entry) {
        return AuditBundles.event(fhir.context(), entry, observer());
    }

    /** Checks the actor may read the trail before anything is written for them. */
    public void mayRead(@NotNull Actor actor, @NotNull AuditQuery query) {
        store(actor, query);
    }

    /** The name of this installation in the AuditEvents' source. */
    public String observer() {
        return publicUrl.filter(u -> !u.isBlank()).map(String::strip).orElse(DEFAULT_OBSERVER);
    }

    private void exported(Actor actor, AuditQuery query, String format, int events) {
        trail.record(AuditFact.of(AuditKind.EXPORT, AuditActor.portalUser(actor.username()))
                .withOrganization(query.organizationId())
                .withDetail("audit trail, " + format + ", " + events + " events"));
    }

    private AuditTrailRepository<? extends AuditRecord> store(Actor actor, AuditQuery query) {
        if (query.organizationId() == null) {
            if (!actor.hasRole(Role.OPERATOR)) {
                throw new ForbiddenException("Only operators may read the installation's own audit trail.")
                    .worded("audit.installationForbidden");
            }
            return installation;
        }
        if (!actor.hasRole(Role.OPERATOR) && !actor.hasRoleIn(Role.ORG_ADMIN, query.organizationId())) {
            throw new ForbiddenException("Only the organization's administrators, and operators, may read its audit "
                    + "trail.").worded("audit.forbidden");
        }
        return regions.ofOrganization(query.organizationId()).auditTrail();
    }
}
