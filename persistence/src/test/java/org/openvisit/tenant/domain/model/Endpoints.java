package org.openvisit.tenant.domain.model;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Actors, details and endpoints in any status, for the endpoint tests. */
final class Endpoints {

    static final UUID ORG = UUID.fromString("0b5c6f9e-2f4a-4c3e-9d61-5a1f00000001");
    static final UUID OTHER_ORG = UUID.fromString("0b5c6f9e-2f4a-4c3e-9d61-5a1f00000002");
    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    static final Actor ADMIN = Actor.member("it.admin", ORG, Role.ORG_ADMIN);
    static final Actor APPROVER = Actor.member("ehr.analyst", ORG, Role.EHR_ANALYST);
    static final Actor OPERATOR = Actor.operator("ops");
    static final Actor OTHER_ANALYST = Actor.member("other.analyst", ORG, Role.EHR_ANALYST);
    static final Actor APPROVER_OF_OTHER_ORG = Actor.member("ehr.analyst", OTHER_ORG, Role.EHR_ANALYST);
    static final Actor ADMIN_OF_OTHER_ORG = Actor.member("it.admin", OTHER_ORG, Role.ORG_ADMIN);
    static final Actor REPORT_READER = Actor.member("reader", ORG, Role.REPORT_READER);
    /** The approver's username, but without the EHR analyst role. */
    static final Actor APPROVER_WITHOUT_ROLE = Actor.member("ehr.analyst", ORG, Role.ORG_ADMIN, Role.REPORT_READER);

    private Endpoints() {
    }

    static Instant at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    static FhirBaseUrl url(String text) {
        return FhirBaseUrl.of(text, OutboundAddressPolicy.PRODUCTION);
    }

    static EndpointDetails details() {
        return new EndpointDetails(url("https://ehr.example.org/interconnect/api/FHIR/R4"), FhirEnvironment.PRODUCTION,
                "Cardiology", new PortalUsername("ehr.analyst"));
    }

    static FhirEndpoint draft() {
        return FhirEndpoint.create(ORG, details(), ADMIN, T0);
    }

    /** A new endpoint brought to {@code status} along the ordinary path by the ordinary actors. */
    static FhirEndpoint inStatus(EndpointStatus status) {
        FhirEndpoint endpoint = draft();
        switch (status) {
            case DRAFT -> { }
            case AWAITING_APPROVAL -> endpoint.submitForApproval(ADMIN, at(1));
            case EHR_VERIFIED -> {
                endpoint.submitForApproval(ADMIN, at(1));
                endpoint.recordEhrVerification(APPROVER, endpoint.signInFor("Practitioner/E1001"), at(2));
            }
            case APPROVED -> {
                endpoint.submitForApproval(ADMIN, at(1));
                endpoint.recordEhrVerification(APPROVER, endpoint.signInFor("Practitioner/E1001"), at(2));
                endpoint.approve(APPROVER, at(3));
            }
            case REJECTED -> {
                endpoint.submitForApproval(ADMIN, at(1));
                endpoint.reject(APPROVER, "Wrong environment", at(2));
            }
            case WITHDRAWN -> endpoint.withdraw(ADMIN, "Department closed", at(1));
        }
        if (endpoint.status() != status) {
            throw new IllegalStateException("fixture did not reach " + status);
        }
        return endpoint;
    }

    /** Performs {@code action} with the actor who may do it. */
    static void perform(FhirEndpoint endpoint, EndpointAction action, Instant at) {
        switch (action) {
            case EDIT -> endpoint.edit(new EndpointDetails(url("https://ehr.example.org/interconnect/api/FHIR/R4-new"),
                    FhirEnvironment.PRODUCTION, "Cardiology", new PortalUsername("ehr.analyst")), ADMIN, at);
            case SUBMIT -> endpoint.submitForApproval(ADMIN, at);
            case RECORD_EHR_VERIFICATION -> endpoint.recordEhrVerification(APPROVER, endpoint.signInFor("Practitioner/E2002"), at);
            case APPROVE -> endpoint.approve(APPROVER, at);
            case REJECT -> endpoint.reject(APPROVER, "Not our EHR", at);
            case WITHDRAW -> endpoint.withdraw(ADMIN, "No longer used", at);
            case SET_FRAME_ANCESTORS -> endpoint.setFrameAncestors(
                    FrameAncestors.parse("https://ehr-web.example.org", false), ADMIN, at);
            case CREATE -> throw new IllegalArgumentException("CREATE is not performed on an existing endpoint");
        }
    }
}
