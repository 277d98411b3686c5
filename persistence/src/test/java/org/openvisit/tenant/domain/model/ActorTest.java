package org.openvisit.tenant.domain.model;

import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ActorTest {

    private static final UUID ORG = UUID.randomUUID();

    @Test
    void organizationRolesNeedAnOrganization() {
        assertThatThrownBy(() -> new Actor("a", null, Set.of(Role.ORG_ADMIN)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Actor.operator("ops").organizationId()).isNull();
        assertThat(Actor.operator("ops").hasRole(Role.OPERATOR)).isTrue();
    }

    @Test
    void rolesCountOnlyInTheActorsOwnOrganization() {
        Actor admin = Actor.member("a", ORG, Role.ORG_ADMIN);
        assertThat(admin.hasRoleIn(Role.ORG_ADMIN, ORG)).isTrue();
        assertThat(admin.hasRoleIn(Role.ORG_ADMIN, UUID.randomUUID())).isFalse();
        assertThat(admin.hasRoleIn(Role.EHR_ANALYST, ORG)).isFalse();
        assertThat(Actor.operator("ops").hasRoleIn(Role.OPERATOR, ORG)).isFalse();
    }

    @Test
    void aUsernameIsRequiredAndRolesMayBeMissing() {
        assertThatThrownBy(() -> new Actor(" ", ORG, Set.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Actor(null, ORG, Set.of())).isInstanceOf(NullPointerException.class);
        assertThat(new Actor("x", ORG, null).roles()).isEmpty();
    }

    @Test
    void namesAreComparedIgnoringCase() {
        assertThat(Actor.member("Jane.Doe@Hospital.org", ORG, Role.EHR_ANALYST)
                .isNamed(new PortalUsername("jane.doe@hospital.org"))).isTrue();
        assertThat(Actor.member("jane", ORG, Role.EHR_ANALYST).isNamed(new PortalUsername("janet"))).isFalse();
        assertThat(Actor.member("jane", ORG, Role.EHR_ANALYST).isNamed(null)).isFalse();
    }
}
