package org.openvisit.tenant.domain.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

class EndpointStatusTest {

    /** The whole status x action table; "-" means the action is refused in that status. */
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
    void knowsWhereEachActionLeads(EndpointStatus from, EndpointAction action, String expected) {
        if (expected.equals("-")) {
            assertThat(from.after(action)).isEmpty();
            assertThat(from.allows(action)).isFalse();
            assertThat(from.allowedActions()).doesNotContain(action);
        } else {
            assertThat(from.after(action)).contains(EndpointStatus.valueOf(expected));
            assertThat(from.allows(action)).isTrue();
            assertThat(from.allowedActions()).contains(action);
        }
    }

    @ParameterizedTest
    @EnumSource(EndpointStatus.class)
    void creationIsNeverATransitionFromAStatus(EndpointStatus status) {
        assertThat(status.allows(EndpointAction.CREATE)).isFalse();
    }

    @Test
    void onlyApprovedIsInService() {
        for (EndpointStatus status : EndpointStatus.values()) {
            assertThat(status.isInService()).as(status.name()).isEqualTo(status == EndpointStatus.APPROVED);
        }
    }

    @Test
    void onlyVerifiedAndApprovedCarryTheEhrSignIn() {
        assertThat(java.util.Arrays.stream(EndpointStatus.values()).filter(EndpointStatus::isEhrVerified))
                .containsExactly(EndpointStatus.EHR_VERIFIED, EndpointStatus.APPROVED);
    }
}
