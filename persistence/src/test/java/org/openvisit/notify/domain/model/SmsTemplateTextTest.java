package org.openvisit.notify.domain.model;

import org.junit.jupiter.api.Test;
import org.openvisit.shared.domain.model.InvalidValueException;
import org.openvisit.shared.domain.model.WordedRefusal;
import org.openvisit.tenant.domain.model.Actor;
import org.openvisit.tenant.domain.model.Role;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SmsTemplateTextTest {

    private static final UUID ORG = UUID.randomUUID();
    private static final Actor ADMIN = Actor.member("it.admin", ORG, Role.ORG_ADMIN);

    private static String code(Throwable t) {
        return ((WordedRefusal) t).code().orElseThrow();
    }

    @Test
    void rendersNamedPlaceholders() {
        String text = SmsTemplateText.check(SmsTemplateKind.CONFIRMATION,
                "  {organization}: visit on {date} at {time}. Join: {link}  ");
        assertThat(text).isEqualTo("{organization}: visit on {date} at {time}. Join: {link}");
        assertThat(SmsTemplateText.render(text, Map.of("organization", "North Clinic", "date", "Mar 9, 2027",
                "time", "2:30 PM", "link", "https://ov.example/j/abc")))
                .isEqualTo("North Clinic: visit on Mar 9, 2027 at 2:30 PM. Join: https://ov.example/j/abc");
        // a placeholder may be used twice, with spaces inside the braces
        assertThat(SmsTemplateText.render(SmsTemplateText.check(SmsTemplateKind.HELP, "{ organization } / {organization}"),
                Map.of("organization", "N"))).isEqualTo("N / N");
    }

    @Test
    void anUnknownPlaceholderIsRefusedNamingTheOnesAllowed() {
        assertThatThrownBy(() -> SmsTemplateText.check(SmsTemplateKind.REMINDER, "Dr {diagnosis} at {time}: {link}"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("{diagnosis}")
                .hasMessageContaining("{organization}, {date}, {time}, {link}, {clinician}")
                .satisfies(t -> assertThat(code(t)).isEqualTo("sms.template.unknownPlaceholder"));
        // the link is no placeholder of a cancellation, the date none of HELP
        assertThatThrownBy(() -> SmsTemplateText.check(SmsTemplateKind.CANCELLATION, "Cancelled. {link}"))
                .satisfies(t -> assertThat(code(t)).isEqualTo("sms.template.unknownPlaceholder"));
        assertThatThrownBy(() -> SmsTemplateText.check(SmsTemplateKind.HELP, "{date}"))
                .satisfies(t -> assertThat(code(t)).isEqualTo("sms.template.unknownPlaceholder"));
    }

    @Test
    void theJoinLinkIsRequiredWhereThePatientJoins() {
        for (SmsTemplateKind kind : new SmsTemplateKind[] {SmsTemplateKind.CONFIRMATION, SmsTemplateKind.UPDATE,
                SmsTemplateKind.REMINDER, SmsTemplateKind.LINK}) {
            assertThatThrownBy(() -> SmsTemplateText.check(kind, "{organization}: see you"))
                    .satisfies(t -> assertThat(code(t)).isEqualTo("sms.template.linkRequired"));
        }
        assertThat(SmsTemplateText.check(SmsTemplateKind.CANCELLATION, "Cancelled, {date}")).isNotEmpty();
        assertThat(SmsTemplateText.check(SmsTemplateKind.HELP, "Reply STOP to opt out.")).isNotEmpty();
    }

    @Test
    void bracesWithoutPairsEmptyAndOverlongTextsAreRefused() {
        for (String bad : new String[] {"Join {link", "Join link} now {link}", "{organization {link}}", "{link}}"}) {
            assertThatThrownBy(() -> SmsTemplateText.check(SmsTemplateKind.LINK, bad)).as(bad)
                    .satisfies(t -> assertThat(code(t)).isEqualTo("sms.template.unpairedBrace"));
        }
        assertThatThrownBy(() -> SmsTemplateText.check(SmsTemplateKind.HELP, "   "))
                .satisfies(t -> assertThat(code(t)).isEqualTo("sms.template.empty"));
        assertThatThrownBy(() -> SmsTemplateText.check(SmsTemplateKind.HELP, "a".repeat(641)))
                .satisfies(t -> assertThat(code(t)).isEqualTo("sms.template.tooManyCharacters"));
        assertThat(SmsTemplateText.check(SmsTemplateKind.HELP, "诊".repeat(640))).hasSize(640);
    }

    @Test
    void onlyTheOrganizationsAdministratorWritesAndARefusedTextChangesNothing() {
        SmsTemplate template = new SmsTemplate(ORG, SmsTemplateKind.REMINDER, "ru", "{organization}: {link}", ADMIN,
                Instant.EPOCH);
        assertThatThrownBy(() -> template.change("{organization}", ADMIN, Instant.EPOCH))
                .isInstanceOf(InvalidValueException.class);
        assertThat(template.body()).isEqualTo("{organization}: {link}");
        assertThatThrownBy(() -> template.change("{link}", Actor.operator("ops"), Instant.EPOCH))
                .isInstanceOf(SmsActionForbiddenException.class);
        assertThatThrownBy(() -> new SmsTemplate(ORG, SmsTemplateKind.HELP, "fr", "Aide", ADMIN, Instant.EPOCH))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new SmsTemplate(ORG, SmsTemplateKind.HELP, "en", "Help",
                Actor.member("it.admin", UUID.randomUUID(), Role.ORG_ADMIN), Instant.EPOCH))
                .isInstanceOf(SmsActionForbiddenException.class);
    }
}
