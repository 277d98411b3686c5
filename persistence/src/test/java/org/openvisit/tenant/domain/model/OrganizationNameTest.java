package org.openvisit.tenant.domain.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrganizationNameTest {

    @Test
    void trimsAndCollapsesWhitespace() {
        assertThat(new OrganizationName("  St. Mary's \t  Health  ").value()).isEqualTo("St. Mary's Health");
    }

    @Test
    void keyIgnoresCase() {
        assertThat(new OrganizationName("St. MARY'S").key()).isEqualTo(new OrganizationName("st. mary's").key());
    }

    @Test
    void refusesMissingBlankAndTooShortNames() {
        assertThatThrownBy(() -> new OrganizationName(null)).isInstanceOf(InvalidOrganizationException.class)
                .hasMessageContaining("required");
        assertThatThrownBy(() -> new OrganizationName("   ")).isInstanceOf(InvalidOrganizationException.class)
                .hasMessageContaining("required");
        assertThatThrownBy(() -> new OrganizationName("A")).isInstanceOf(InvalidOrganizationException.class)
                .hasMessageContaining("between 2 and 120");
    }

    @Test
    void acceptsExactly120CharactersAndRefuses121() {
        assertThat(new OrganizationName("x".repeat(120)).value()).hasSize(120);
        assertThatThrownBy(() -> new OrganizationName("x".repeat(121)))
                .isInstanceOf(InvalidOrganizationException.class)
                .satisfies(e -> assertThat(((InvalidOrganizationException) e).field()).isEqualTo("name"));
    }

    @Test
    void countsCharactersNotUtf16Units() {
        String sixtyEmoji = "\uD83C\uDFE5".repeat(60); // 60 hospital signs, 120 UTF-16 units
        assertThat(new OrganizationName(sixtyEmoji).value()).isEqualTo(sixtyEmoji);
    }

    @Test
    void refusesControlCharacters() {
        assertThatThrownBy(() -> new OrganizationName("Clinic\u0000One"))
                .isInstanceOf(InvalidOrganizationException.class)
                .hasMessageContaining("control characters");
    }
}
