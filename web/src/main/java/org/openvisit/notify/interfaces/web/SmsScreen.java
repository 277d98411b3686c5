package org.openvisit.notify.interfaces.web;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.openvisit.identity.interfaces.web.CurrentUser;
import org.openvisit.notify.application.ConsentView;
import org.openvisit.notify.application.FhirFeedSetupService;
import org.openvisit.notify.application.FhirFeedView;
import org.openvisit.notify.application.OutboxView;
import org.openvisit.shared.interfaces.web.Formats;
import org.openvisit.notify.application.SmsFeedSetupService;
import org.openvisit.notify.application.SmsNumberView;
import org.openvisit.notify.application.SmsSetupService;
import org.openvisit.notify.application.SmsSetupView;
import org.openvisit.notify.domain.model.ConsentKind;
import org.openvisit.notify.domain.model.DeliveryGroup;
import org.openvisit.notify.domain.model.FeedRefusalCount;
import org.openvisit.notify.domain.model.IllegalSmsNumberTransitionException;
import org.openvisit.notify.domain.model.SmsConsentMissingException;
import org.openvisit.shared.interfaces.web.OrganizationContext;
import org.openvisit.shared.interfaces.web.PortalMessages;
import org.openvisit.tenant.application.EndpointService;
import org.openvisit.tenant.application.EndpointSummary;
import org.openvisit.tenant.application.OrganizationService;
import org.openvisit.tenant.application.OrganizationSummary;
import org.openvisit.tenant.domain.model.Actor;
import org.openvisit.tenant.domain.model.Role;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * An organization's SMS screen ({@code /sms.xhtml?org=...}): the two consents with who and when (given by ticking,
 * withdrawn with a confirmation), "Get a new phone number" with a progress indicator that polls the database while
 * the provisioning job runs (so it survives reloads and sign-outs), failures in words with Retry, the numbers with
 * their status, Release (confirmed), the endpoints each number serves, a link to each endpoint's SMS settings, and the
 * messages sent (numbers masked, join links cut). Administrators (ORG_ADMIN) of the
 * organization change it; operators look.
 */
@Named
@ViewScoped
public class SmsScreen implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private SmsSetupService service;

    @EJB
    private OrganizationService organizations;

    @EJB
    private SmsFeedSetupService feed;

    @EJB
    private EndpointService endpointService;

    @EJB
    private FhirFeedSetupService fhirFeeds;

    @Inject
    private CurrentUser currentUser;

    @Inject
    private NotifyText text;

    private String org;
    private UUID organizationId;
    private OrganizationSummary organization;
    private SmsSetupView setup;
    private List<EndpointSummary> endpoints = List.of();
    private String areaCode;
    private boolean vendorSends;
    private boolean patientsConsented;
    private final Map<UUID, String> chosenEndpoint = new HashMap<>();
    private List<OutboxView> outbox = List.of();
    private Map<UUID, FhirFeedView> feeds = new HashMap<>();
    private String outboxFilter = ALL;
    private List<FeedRefusalCount> refusals = List.of();

    /** The outbox filter that shows every message. */
    static final String ALL = "ALL";

    public void load() {
        Actor actor = currentUser.actor();
        organizationId = OrganizationContext.of(actor, org).orElse(null);
        organization = null;
        setup = null;
        if (organizationId == null || !(actor.hasRole(Role.OPERATOR) || actor.hasRoleIn(Role.ORG_ADMIN, organizationId))) {
            return;
        }
        organization = organizations.find(organizationId).orElse(null);
        if (organization == null) {
            return;
        }
        refresh();
        endpoints = endpointService.list(actor, organizationId, 0, 200).items();
        feeds = new HashMap<>();
        fhirFeeds.feeds(actor, organizationId).forEach(f -> feeds.put(f.endpointId(), f));
        refusals = feed.refusals(actor, organizationId);
        loadOutbox();
    }

    private void loadOutbox() {
        try {
            outbox = feed.outbox(currentUser.actor(), organizationId, group(outboxFilter), 200);
        } catch (RuntimeException regionDown) {
            PortalMessages.refused(regionDown);
        }
    }

    private static DeliveryGroup group(String filter) {
        if (filter == null || ALL.equals(filter)) {
            return null;
        }
        try {
            return DeliveryGroup.valueOf(filter);
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    /** Shows only the outbox messages of the chosen delivery status (the database filters, 200 newest at most). */
    public void filterOutbox() {
        if (organization != null) {
            loadOutbox();
        }
    }

    /** The outbox filters: all, then each delivery group. */
    public List<String> getOutboxFilters() {
        List<String> filters = new java.util.ArrayList<>();
        filters.add(ALL);
        for (DeliveryGroup g : DeliveryGroup.values()) {
            filters.add(g.name());
        }
        return filters;
    }

    public String getOutboxFilter() {
        return outboxFilter;
    }

    public void setOutboxFilter(String outboxFilter) {
        this.outboxFilter = group(outboxFilter) == null ? ALL : outboxFilter;
    }

    /** The endpoints whose feed refused messages. */
    public List<UUID> getRefusingEndpoints() {
        return refusals.stream().map(FeedRefusalCount::endpointId).distinct().toList();
    }

    /** The endpoint's refusals, one line per reason in words, with the count and the latest time. */
    public List<String> refusalLines(UUID endpointId, Formats formats) {
        return refusals.stream().filter(r -> r.endpointId().equals(endpointId))
                .map(r -> text.format("sms.refusals.line", text.refusalReason(r.reason()), r.refused(),
                        formats.instant(r.lastAt()))).toList();
    }

    /** The latest messages sent (numbers masked), newest first. */
    public List<OutboxView> getOutbox() {
        return outbox;
    }

    public List<EndpointSummary> getEndpoints() {
        return endpoints;
    }

    /** The endpoint's feed source and poll state (null: HL7v2, nobody chose). */
    public FhirFeedView feedOf(UUID endpointId) {
        return feeds.get(endpointId);
    }

    /** Where the endpoint's appointments come from, in words. */
    public String feedSource(UUID endpointId) {
        FhirFeedView f = feeds.get(endpointId);
        if (f == null || !f.polling()) {
            return text.get("sms.feed.hl7");
        }
        return "SUBSCRIPTION".equals(f.updates()) ? text.get("sms.feed.bySubscription")
                : text.format("sms.feed.fhir", f.intervalMinutes(), f.horizonDays());
    }

    /**
     * The FHIR Subscription's state in words, when one is wanted ("" otherwise): active (last heard), awaiting the
     * EHR's handshake, not offered by the EHR, failed (to be made again) or being made.
     */
    public String feedSubscription(UUID endpointId, Formats formats) {
        FhirFeedView f = feeds.get(endpointId);
        if (f == null || !f.polling() || f.subscription() == null) {
            return "";
        }
        var s = f.subscription();
        return switch (s.state()) {
            case "ACTIVE" -> text.format("sms.subscription.ACTIVE", s.lastContactAt() == null ? "—"
                    : formats.instant(s.lastContactAt()));
            case "REQUESTED", "NOT_OFFERED", "ERROR" -> text.get("sms.subscription." + s.state());
            default -> text.get("sms.subscription.PENDING");
        };
    }

    /** The Subscription's failure as recorded (English, shown as data), or "". */
    public String feedSubscriptionDetail(UUID endpointId) {
        FhirFeedView f = feeds.get(endpointId);
        return f == null || !f.polling() || f.subscription() == null || f.subscription().reason() == null
                || f.subscription().active() ? "" : f.subscription().reason();
    }

    /** The FHIR poll's last success and next poll, what it took in and skipped, in words ("" when not polling). */
    public List<String> feedState(UUID endpointId, Formats formats) {
        FhirFeedView f = feeds.get(endpointId);
        if (f == null || !f.polling()) {
            return List.of();
        }
        List<String> lines = new java.util.ArrayList<>();
        lines.add(f.lastSuccessAt() == null ? text.format("sms.feed.never", formats.instant(f.nextPollAt()))
                : text.format("sms.feed.lastSuccess", formats.instant(f.lastSuccessAt()),
                formats.instant(f.nextPollAt())));
        if (f.lastRunAt() != null) {
            lines.add(text.format("sms.feed.counts", f.lastFed(), f.lastSkipped()));
        }
        if (!f.skipReasons().isEmpty()) {
            lines.add(text.format("sms.feed.skipped", String.join("; ", f.skipReasons().entrySet().stream()
                    .map(e -> text.skipReason(e.getKey()) + " (" + e.getValue() + ")").toList())));
        }
        return lines;
    }

    /** The FHIR poll's failure in the viewer's words, or "" when it is not failing. */
    public String feedFailure(UUID endpointId) {
        FhirFeedView f = feeds.get(endpointId);
        return f == null || !f.polling() || !f.failing() ? ""
                : text.format("sms.feed.failure", f.failures(), text.feedFailure(f.failureKind()));
    }

    /**
     * What the failure recorded (the EHR's answer as OpenVisit recorded it, in English: shown as data, marked
     * {@code lang="en"}), or "".
     */
    public String feedFailureDetail(UUID endpointId) {
        FhirFeedView f = feeds.get(endpointId);
        return f == null || !f.polling() || !f.failing() || f.failureReason() == null ? "" : f.failureReason();
    }

    /** A sent message as the page shows it: the patient's join link cut, so the page opens nobody's visit. */
    public String shown(String body) {
        return body == null ? "" : SHORT_LINK.matcher(body).replaceAll("/j/…");
    }

    private static final java.util.regex.Pattern SHORT_LINK = java.util.regex.Pattern.compile("/j/[A-Za-z0-9_-]+");

    /** Reads the setup again (the poll calls this every two seconds while a number is being set up). */
    public void refresh() {
        if (organization == null) {
            return;
        }
        try {
            setup = service.view(currentUser.actor(), organizationId);
            vendorSends = given(ConsentKind.VENDOR_SENDS) != null;
            patientsConsented = given(ConsentKind.PATIENTS_CONSENTED) != null;
        } catch (RuntimeException refused) {
            PortalMessages.refused(refused);
            organization = null;
        }
    }

    public void giveVendorSends() {
        give(ConsentKind.VENDOR_SENDS, vendorSends);
    }

    public void givePatientsConsented() {
        give(ConsentKind.PATIENTS_CONSENTED, patientsConsented);
    }

    private void give(ConsentKind kind, boolean ticked) {
        if (ticked) {
            act(() -> service.grant(currentUser.actor(), organizationId, kind), "sms.consent.given");
        } else {
            refresh();
        }
    }

    public void withdraw(ConsentKind kind) {
        act(() -> service.withdraw(currentUser.actor(), organizationId, kind), "sms.consent.withdrawn");
    }

    public void requestNumber() {
        act(() -> service.requestNumber(currentUser.actor(), organizationId, "US", areaCode), "sms.number.requested");
        areaCode = null;
    }

    public void retry(UUID numberId) {
        act(() -> service.retry(currentUser.actor(), organizationId, numberId), "sms.number.retried");
    }

    public void release(UUID numberId) {
        act(() -> service.release(currentUser.actor(), organizationId, numberId), "sms.number.released");
    }

    public void link(UUID numberId) {
        String chosen = chosenEndpoint.get(numberId);
        if (chosen == null || chosen.isBlank()) {
            PortalMessages.error(text.get("sms.link.choose"));
            return;
        }
        act(() -> service.link(currentUser.actor(), organizationId, numberId, UUID.fromString(chosen)),
                "sms.link.linked");
        chosenEndpoint.remove(numberId);
    }

    public void unlink(UUID numberId, UUID endpointId) {
        act(() -> service.unlink(currentUser.actor(), organizationId, numberId, endpointId), "sms.link.unlinked");
    }

    private void act(Supplier<?> call, String done) {
        try {
            call.get();
            PortalMessages.info(text.get(done));
        } catch (RuntimeException refused) {
            Throwable cause = refused instanceof EJBException && refused.getCause() != null ? refused.getCause() : refused;
            if (cause instanceof SmsConsentMissingException) {
                PortalMessages.error(text.get("sms.refused.consent"));
            } else if (cause instanceof IllegalSmsNumberTransitionException) {
                PortalMessages.error(text.get("sms.refused.changed"));
            } else {
                PortalMessages.refused(refused);
            }
        }
        refresh();
    }

    private ConsentView given(ConsentKind kind) {
        return setup == null ? null : setup.consents().stream().filter(c -> c.kind() == kind && c.given())
                .findFirst().orElse(null);
    }

    public ConsentView getVendorSendsConsent() {
        return given(ConsentKind.VENDOR_SENDS);
    }

    public ConsentView getPatientsConsentedConsent() {
        return given(ConsentKind.PATIENTS_CONSENTED);
    }

    public ConsentKind getVendorSendsKind() {
        return ConsentKind.VENDOR_SENDS;
    }

    public ConsentKind getPatientsConsentedKind() {
        return ConsentKind.PATIENTS_CONSENTED;
    }

    public boolean isOrganizationKnown() {
        return organization != null && setup != null;
    }

    public boolean isMayChange() {
        return organizationId != null && currentUser.actor().hasRoleIn(Role.ORG_ADMIN, organizationId);
    }

    public boolean isReady() {
        return setup != null && setup.ready();
    }

    /** Some number is still being set up: the page polls. */
    public boolean isAnyUnfinished() {
        return setup != null && setup.numbers().stream().anyMatch(SmsNumberView::unfinished);
    }

    public List<SmsNumberView> getNumbers() {
        return setup == null ? List.of() : setup.numbers();
    }

    public SmsSetupView getSetup() {
        return setup;
    }

    /** The organization's endpoints a number does not serve yet. */
    public List<EndpointSummary> linkable(SmsNumberView number) {
        return endpoints.stream().filter(e -> !number.endpoints().contains(e.id())).toList();
    }

    /** An endpoint's name as the page shows it: its label, else its FHIR base URL. */
    public String endpointName(UUID endpointId) {
        return endpoints.stream().filter(e -> e.id().equals(endpointId)).findFirst()
                .map(EndpointSummary::displayName)
                .orElse(endpointId.toString());
    }

    public Map<UUID, String> getChosenEndpoint() {
        return chosenEndpoint;
    }

    public String getOrganizationName() {
        return organization == null ? "" : organization.name();
    }

    public UUID getOrganizationId() {
        return organizationId;
    }

    public String getOrg() {
        return org;
    }

    public void setOrg(String org) {
        this.org = org;
    }

    public String getAreaCode() {
        return areaCode;
    }

    public void setAreaCode(String areaCode) {
        this.areaCode = areaCode;
    }

    public boolean isVendorSends() {
        return vendorSends;
    }

    public void setVendorSends(boolean vendorSends) {
        this.vendorSends = vendorSends;
    }

    public boolean isPatientsConsented() {
        return patientsConsented;
    }

    public void setPatientsConsented(boolean patientsConsented) {
        this.patientsConsented = patientsConsented;
    }
}
