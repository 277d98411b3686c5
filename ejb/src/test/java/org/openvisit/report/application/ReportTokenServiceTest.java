package org.openvisit.report.application;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvisit.report.domain.model.ReportToken;
import org.openvisit.report.domain.model.ReportTokenRepository;
import org.openvisit.report.infrastructure.jwt.ReportJwt;
import org.openvisit.shared.domain.model.ConflictException;
import org.openvisit.shared.domain.model.ForbiddenException;
import org.openvisit.shared.domain.model.InvalidValueException;
import org.openvisit.tenant.domain.model.Actor;
import org.openvisit.tenant.domain.model.Role;

import java.lang.reflect.Field;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportTokenServiceTest {

    private static final UUID ORG = UUID.randomUUID();
    private static final UUID OTHER_ORG = UUID.randomUUID();
    private final Actor admin = Actor.member("admin", ORG, Role.ORG_ADMIN);
    private final Map<UUID, ReportToken> store = new HashMap<>();
    private final ReportTokenService service = new ReportTokenService();
    private final ReportTokenKeys keys = new ReportTokenKeys();

    @BeforeEach
    void wire() throws Exception {
        set(keys, "key", ReportJwt.newKey());
        set(keys, "publicUrl", Optional.of("https://openvisit.example.org"));
        set(service, "keys", keys);
        set(service, "tokens", new ReportTokenRepository() {
            @Override
            public void add(ReportToken token) {
                store.put(token.id(), token);
            }

            @Override
            public Optional<ReportToken> find(UUID id) {
                return Optional.ofNullable(store.get(id));
            }

            @Override
            public List<ReportToken> ofOrganization(UUID organizationId) {
                List<ReportToken> list = new ArrayList<>(store.values().stream()
                        .filter(t -> t.organizationId().equals(organizationId)).toList());
                list.sort(Comparator.comparing(ReportToken::createdAt).reversed());
                return list;
            }
        });
    }

    @Test
    void anAdministratorIssuesATokenThatIsVerifiedAndStoredWithoutItself() {
        IssuedReportToken issued = service.issue(admin, " Power BI ", 30);

        ReportTokenClaims claims = service.verify(issued.token());

        assertThat(claims.organizationId()).isEqualTo(ORG);
        assertThat(claims.groups()).containsExactly("REPORT_READER");
        assertThat(claims.issuer()).isEqualTo("https://openvisit.example.org");
        assertThat(issued.view().name()).isEqualTo("Power BI");
        assertThat(issued.view().expiresAt()).isAfter(Instant.now().plusSeconds(29L * 86400));
        assertThat(issued.toString()).doesNotContain(issued.token());
        assertThat(service.list(admin)).extracting(ReportTokenView::id).containsExactly(issued.view().id());
    }

    @Test
    void aRevokedTokenIsRefused() {
        IssuedReportToken issued = service.issue(admin, "Excel", 1);
        service.revoke(admin, issued.view().id());

        assertThatThrownBy(() -> service.verify(issued.token())).isInstanceOf(TokenRefusedException.class)
                .hasMessageContaining("revoked");
        assertThat(service.list(admin).get(0).revoked()).isTrue();
        assertThatThrownBy(() -> service.revoke(admin, issued.view().id())).isInstanceOf(ConflictException.class);
    }

    @Test
    void aTokenNoLongerStoredIsRefused() {
        IssuedReportToken issued = service.issue(admin, "Tableau", 1);
        store.clear();
        assertThatThrownBy(() -> service.verify(issued.token())).isInstanceOf(TokenRefusedException.class);
    }

    @Test
    void aTokenOfAnotherInstallationKeyIsRefused() throws Exception {
        IssuedReportToken issued = service.issue(admin, "Power BI", 1);
        set(keys, "key", ReportJwt.newKey()); // the key was replaced: old tokens no longer verify
        assertThatThrownBy(() -> service.verify(issued.token())).isInstanceOf(TokenRefusedException.class)
                .hasMessageContaining("signature");
    }

    @Test
    void onlyTheOrganizationsAdministratorsManageTokens() {
        Actor reader = Actor.member("reader", ORG, Role.REPORT_READER);
        assertThatThrownBy(() -> service.issue(reader, "x", 1)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> service.list(reader)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> service.issue(Actor.operator("op"), "x", 1)).isInstanceOf(ForbiddenException.class);
        IssuedReportToken issued = service.issue(admin, "x", 1);
        Actor otherAdmin = Actor.member("other", OTHER_ORG, Role.ORG_ADMIN);
        assertThatThrownBy(() -> service.revoke(otherAdmin, issued.view().id()))
                .isInstanceOf(InvalidValueException.class);
        assertThat(service.list(otherAdmin)).isEmpty();
    }

    @Test
    void nameAndLifetimeAreChecked() {
        assertThatThrownBy(() -> service.issue(admin, " ", 1)).isInstanceOf(InvalidValueException.class)
                .extracting(e -> ((InvalidValueException) e).field()).isEqualTo("name");
        assertThatThrownBy(() -> service.issue(admin, "x".repeat(101), 1)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> service.issue(admin, "x", 0)).isInstanceOf(InvalidValueException.class)
                .extracting(e -> ((InvalidValueException) e).field()).isEqualTo("lifetimeDays");
        assertThatThrownBy(() -> service.issue(admin, "x", 367)).isInstanceOf(InvalidValueException.class);
        assertThat(Set.copyOf(store.values())).isEmpty();
    }

    private static void set(Object target, String name, Object value) throws Exception {
        Field f = target.getClass().getDeclaredField(name);
        f.setAccessible(true);
        f.set(target, value);
    }
}
