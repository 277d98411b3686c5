package org.openvisit.tenant.domain.model;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openvisit.tenant.domain.model.Endpoints.at;

/**
 * Every action in every status, through the entity and by an actor who may do it: an allowed action
 * moves the endpoint and writes one history row; a refused one throws
 * {@link IllegalEndpointTransitionException} and leaves the endpoint exactly as it was.
 */
class FhirEndpointTransitionTest {

    @ParameterizedTest(name = "{0} --{1}--> {2}")
    @CsvSource({
            "DRAFT,             EDIT,                    DRAFT",
            "DRAFT,             SUBMIT,                  AWAITING_APPROVAL",
            "DRAFT,             RECORD_EHR_VERIFICATION, -",
            "DRAFT,             APPROVE,                 -",
            "DRAFT,             REJECT,                  -",
            "DRAFT,             WITHDRAW,                WITHDRAWN",
            "AWAITING_APPROVAL, EDIT,                    AWAITING_APPROVAL",
            "AWAITING_APPROVAL, SUBMIT,                  -",
            "AWAITING_APPROVAL, RECORD_EHR_VERIFICATION, EHR_VERIFIED",
            "AWAITING_APPROVAL, APPROVE,                 -",
            "AWAITING_APPROVAL, REJECT,                  REJECTED",
            "AWAITING_APPROVAL, WITHDRAW,                WITHDRAWN",
            "EHR_VERIFIED,      EDIT,                    AWAITING_APPROVAL",
            "EHR_VERIFIED,      SUBMIT,                  -",
            "EHR_VERIFIED,      RECORD_EHR_VERIFICATION, -",
            "EHR_VERIFIED,      APPROVE,                 APPROVED",
            "EHR_VERIFIED,      REJECT,                  REJECTED",
            "EHR_VERIFIED,      WITHDRAW,                WITHDRAWN",
            "APPROVED,          EDIT,                    AWAITING_APPROVAL",
            "APPROVED,          SUBMIT,                  -",
            "APPROVED,          RECORD_EHR_VERIFICATION, -",
            "APPROVED,          APPROVE,                 -",
            "APPROVED,          REJECT,                  -",
            "APPROVED,          WITHDRAW,                WITHDRAWN",
            "REJECTED,          EDIT,                    AWAITING_APPROVAL",
            "REJECTED,          SUBMIT,                  AWAITING_APPROVAL",
            "REJECTED,          RECORD_EHR_VERIFICATION, -",
            "REJECTED,          APPROVE,                 -",
            "REJECTED,          REJECT,                  -",
            "REJECTED,          WITHDRAW,                WITHDRAWN",
            "WITHDRAWN,         EDIT,                    WITHDRAWN",
            "WITHDRAWN,         SUBMIT,                  AWAITING_APPROVAL",
            "WITHDRAWN,         RECORD_EHR_VERIFICATION, -",
            "WITHDRAWN,         APPROVE,                 -",
            "WITHDRAWN,         REJECT,                  -",
            "WITHDRAWN,         WITHDRAW,                -",
            "DRAFT,             SET_FRAME_ANCESTORS,     DRAFT",
            "AWAITING_APPROVAL, SET_FRAME_ANCESTORS,     AWAITING_APPROVAL",
            "EHR_VERIFIED,      SET_FRAME_ANCESTORS,     EHR_VERIFIED",
            "APPROVED,          SET_FRAME_ANCESTORS,     APPROVED",
            "REJECTED,          SET_FRAME_ANCESTORS,     REJECTED",
            "WITHDRAWN,         SET_FRAME_ANCESTORS,     WITHDRAWN",
    })
    void everyActionInEveryStatus(EndpointStatus from, EndpointAction action, String expected) {
        FhirEndpoint endpoint = Endpoints.inStatus(from);
        int rowsBefore = endpoint.history().size();
        String urlBefore = endpoint.baseUrl().value();
        Instant when = at(30);

        if (expected.equals("-")) {
            assertThatThrownBy(() -> Endpoints.perform(endpoint, action, when))
                    .isInstanceOf(IllegalEndpointTransitionException.class)
                    .hasMessageStartingWith("This endpoint is " + from + "; it cannot be " + action.pastParticiple()
                            + ". It can only be ")
                    .satisfies(e -> {
                        IllegalEndpointTransitionException refused = (IllegalEndpointTransitionException) e;
                        assertThat(refused.status()).isEqualTo(from);
                        assertThat(refused.action()).isEqualTo(action);
                    });
            assertThat(endpoint.status()).isEqualTo(from);
            assertThat(endpoint.history()).hasSize(rowsBefore);
            assertThat(endpoint.baseUrl().value()).isEqualTo(urlBefore);
        } else {
            EndpointStatus to = EndpointStatus.valueOf(expected);
            Endpoints.perform(endpoint, action, when);
            assertThat(endpoint.status()).isEqualTo(to);
            assertThat(endpoint.isInService()).isEqualTo(to == EndpointStatus.APPROVED);
            assertThat(endpoint.ehrVerification().isPresent()).isEqualTo(to.isEhrVerified());
            assertThat(endpoint.history()).hasSize(rowsBefore + 1);
            EndpointStatusChange row = endpoint.lastChange();
            assertThat(row.action()).isEqualTo(action);
            assertThat(row.from()).contains(from);
            assertThat(row.to()).isEqualTo(to);
            assertThat(row.at()).isEqualTo(when);
            assertThat(row.sequence()).isEqualTo(rowsBefore + 1);
        }
    }
}
