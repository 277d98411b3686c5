package org.openvisit.notify.domain.model;

import org.junit.jupiter.api.Test;
import org.openvisit.shared.domain.model.InvalidValueException;
import org.openvisit.tenant.domain.model.Actor;
import org.openvisit.tenant.domain.model.Role;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SmsTemplateTest {

    private static final Instant AT = Instant.parse("2026-12-07T01:00:00Z");
    private final UUID organization = UUID.randomUUID();
    private final UUID endpoint = UUID.randomUUID();
    private final Actor admin = Actor.member("admin", organization, Role.ORG_ADMIN);

    @Test
    void anEndpointMayWordTheAppointmentsMessagesAndTheLinkButNotTheAnswersToKeywords() {
        for (SmsTemplateKind kind : SmsTemplateKind.values()) {
            String text = kind.linkRequired() ? "{organization}: {link}" : "{organization}";
            if (kind.perEndpoint()) {
                SmsTemplate t = new SmsTemplate(organization, Optional.of(endpoint), kind, "en", text, admin, AT);
                assertThat(t.endpointId()).as(kind.name()).contains(endpoint);
            } else {
                assertThatThrownBy(() -> new SmsTemplate(organization, Optional.of(endpoint), kind, "en", text, admin,
                        AT)).as(kind.name()).isInstanceOf(InvalidValueException.class)
                        .hasMessageContaining("organization's");
                assertThat(new SmsTemplate(organization, kind, "en", text, admin, AT).endpointId()).isEmpty();
            }
        }
        assertThat(SmsTemplateKind.HELP.perEndpoint()).isFalse();
        assertThat(SmsTemplateKind.REMINDER.perEndpoint()).isTrue();
    }

    @Test
    void onlyTheOrganizationsAdministratorWordsAnEndpointsMessage() {
        Actor other = Actor.member("other", UUID.randomUUID(), Role.ORG_ADMIN);
        assertThatThrownBy(() -> new SmsTemplate(organization, Optional.of(endpoint), SmsTemplateKind.REMINDER, "en",
                "{link}", other, AT)).isInstanceOf(SmsActionForbiddenException.class);
    }

    @Test
    void theAppointmentsMessagesMayNameTheClinicianTheAnswersMayNot() {
        assertThat(SmsTemplateText.check(SmsTemplateKind.REMINDER, "{clinician} at {time}: {link}"))
                .isEqualTo("{clinician} at {time}: {link}");
        assertThat(SmsTemplateText.check(SmsTemplateKind.LINK, "{clinician}: {link}")).isNotEmpty();
        assertThatThrownBy(() -> SmsTemplateText.check(SmsTemplateKind.HELP, "{clinician}"))
                .isInstanceOf(InvalidValueException.class);
    }
}
