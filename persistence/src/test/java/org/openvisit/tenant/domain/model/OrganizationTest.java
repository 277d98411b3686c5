package org.openvisit.tenant.domain.model;

import org.openvisit.shared.domain.model.Language;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrganizationTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");

    @Test
    void registersWithAFreshIdAndTheGivenValues() {
        Organization org = Organization.register(new OrganizationName("Riverside Health"), DataRegion.EMEA,
                EhrVendor.EPIC, NOW);

        assertThat(org.id()).isNotNull();
        assertThat(org.name().value()).isEqualTo("Riverside Health");
        assertThat(org.dataRegion()).isEqualTo(DataRegion.EMEA);
        assertThat(org.ehrVendor()).isEqualTo(EhrVendor.EPIC);
        assertThat(org.createdAt()).isEqualTo(NOW);
    }

    @Test
    void visitsMeetInTheBuiltInRoomsUntilAnotherPlatformIsChosen() {
        Organization org = Organization.register(new OrganizationName("Riverside Health"), DataRegion.EMEA,
                EhrVendor.EPIC, NOW);
        assertThat(org.meetingPlatform()).isEqualTo(Organization.DEFAULT_MEETING_PLATFORM).isEqualTo("builtin-rooms");
        org.chooseMeetingPlatform("teams");
        assertThat(org.meetingPlatform()).isEqualTo("teams");
        for (String bad : new String[]{null, "", "Teams", "rooms!", "x".repeat(33)}) {
            assertThatThrownBy(() -> org.chooseMeetingPlatform(bad)).isInstanceOf(InvalidOrganizationException.class)
                    .hasMessageContaining("meeting platform");
        }
        assertThat(org.meetingPlatform()).isEqualTo("teams");
    }

    @Test
    void twoRegistrationsNeverShareAnId() {
        Organization a = Organization.register(new OrganizationName("A clinic"), DataRegion.APAC, EhrVendor.OTHER_SMART, NOW);
        Organization b = Organization.register(new OrganizationName("A clinic"), DataRegion.APAC, EhrVendor.OTHER_SMART, NOW);
        assertThat(a.id()).isNotEqualTo(b.id());
    }

    @Test
    void refusesMissingRegionOrVendorWithTheFieldNamed() {
        assertThatThrownBy(() -> Organization.register(new OrganizationName("Clinic"), null, EhrVendor.EPIC, NOW))
                .isInstanceOf(InvalidOrganizationException.class)
                .satisfies(e -> assertThat(((InvalidOrganizationException) e).field()).isEqualTo("dataRegion"));
        assertThatThrownBy(() -> Organization.register(new OrganizationName("Clinic"), DataRegion.AMERICAS, null, NOW))
                .isInstanceOf(InvalidOrganizationException.class)
                .satisfies(e -> assertThat(((InvalidOrganizationException) e).field()).isEqualTo("ehrVendor"));
    }

    @Test
    void renameKeepsTheKeyInStep() {
        Organization org = Organization.register(new OrganizationName("Old Name"), DataRegion.AMERICAS, EhrVendor.EPIC, NOW);
        org.rename(new OrganizationName("New  Name"));
        assertThat(org.name()).isEqualTo(new OrganizationName("New Name"));
    }

    @Test
    void patientsAreSpokenToInEnglishUntilTheOrganizationChoosesAnotherLanguage() {
        Organization org = Organization.register(new OrganizationName("Riverside Health"), DataRegion.APAC,
                EhrVendor.EPIC, NOW);
        assertThat(org.patientLanguage()).isEqualTo(Language.ENGLISH);
        org.speakToPatientsIn(Language.SIMPLIFIED_CHINESE);
        assertThat(org.patientLanguage()).isEqualTo(Language.SIMPLIFIED_CHINESE);
        org.speakToPatientsIn(null);
        assertThat(org.patientLanguage()).isEqualTo(Language.ENGLISH);
    }

    @Test
    void anOrganizationKeepsItsVisitsForFewerDaysThanTheInstallationOrAsItDoes() {
        Organization org = Organization.register(new OrganizationName("Riverside Health"), DataRegion.EMEA,
                EhrVendor.EPIC, NOW);
        assertThat(org.visitRetentionDays()).isEmpty();

        org.keepVisitsFor(90, java.util.Optional.of(400));
        assertThat(org.visitRetentionDays()).contains(90);
        org.keepVisitsFor(399, java.util.Optional.of(400));
        assertThat(org.visitRetentionDays()).contains(399);

        for (int refused : new int[] {0, -1, 400, 401}) {
            assertThatThrownBy(() -> org.keepVisitsFor(refused, java.util.Optional.of(400)))
                    .isInstanceOf(InvalidOrganizationException.class).hasMessageContaining("1 to 399 days");
        }
        assertThat(org.visitRetentionDays()).as("unchanged by a refusal").contains(399);

        org.keepVisitsFor(3650, java.util.Optional.empty()); // the installation keeps visits for ever
        assertThatThrownBy(() -> org.keepVisitsFor(3651, java.util.Optional.empty()))
                .isInstanceOf(InvalidOrganizationException.class);
        org.keepVisitsFor(null, java.util.Optional.of(400));
        assertThat(org.visitRetentionDays()).isEmpty();
    }
}
