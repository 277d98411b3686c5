package org.openvisit.tenant.interfaces.web;

import org.junit.jupiter.api.Test;
import org.openvisit.ehr.graph.GraphFailure;
import org.openvisit.shared.interfaces.web.BrowserLanguage;
import org.openvisit.tenant.application.CallSubscriptionView;
import org.openvisit.tenant.application.ConnectionCheck;
import org.openvisit.tenant.application.PermissionGrant;

import java.text.MessageFormat;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Test connection's permissions, and every Graph failure, in words of all four languages: never a key or enum code. */
class PermissionWordsTest {

    private static List<PermissionWords.Line> lines(ConnectionCheck check, Locale locale) {
        ResourceBundle texts = BrowserLanguage.bundle(TenantText.BUNDLE, locale);
        return PermissionWords.of(check, texts::getString,
                (key, args) -> new MessageFormat(texts.getString(key), locale).format(args));
    }

    private static ConnectionCheck check(Set<String> roles) {
        return new ConnectionCheck(true, null, "", Instant.now(), true, PermissionGrant.all(roles));
    }

    @Test
    void eachPermissionIsGrantedOrMissingWithWhatTheAdministratorDoes() {
        ConnectionCheck check = check(Set.of("OnlineMeetings.ReadWrite.All", "CallRecords.Read.All"));
        assertThat(check.missing()).extracting(PermissionGrant::graphName)
                .containsExactly("OnlineMeetingArtifact.Read.All");
        assertThat(check.complete()).isFalse();

        List<PermissionWords.Line> english = lines(check, Locale.ENGLISH);
        assertThat(english).extracting(PermissionWords.Line::granted).containsExactly(true, false, true);
        assertThat(english.get(0).text()).isEqualTo("OnlineMeetings.ReadWrite.All: granted. OpenVisit needs it to "
                + "make the Teams meetings of visits.");
        assertThat(english.get(1).text()).startsWith("OnlineMeetingArtifact.Read.All: missing.")
                .contains("attendance reports", "Grant admin consent", "Microsoft Entra");
        assertThat(check(Set.of("OnlineMeetings.ReadWrite.All", "OnlineMeetingArtifact.Read.All",
                "CallRecords.Read.All")).complete()).isTrue();
    }

    @Test
    void everyLanguageSaysItInWordsWithThePermissionsGraphName() {
        ConnectionCheck none = check(Set.of());
        for (Locale locale : BrowserLanguage.all()) {
            List<PermissionWords.Line> lines = lines(none, locale);
            assertThat(lines).as(locale.toString()).hasSize(3).allSatisfy(line -> {
                assertThat(line.granted()).isFalse();
                assertThat(line.text()).startsWith(line.graphName()).doesNotContain("teams.permission", "{0}", "{1}",
                        "CALL_RECORDS", "ATTENDANCE", "MEETINGS");
            });
            if (!Locale.ENGLISH.equals(locale)) {
                assertThat(lines.get(2).text()).isNotEqualTo(lines(none, Locale.ENGLISH).get(2).text());
            }
        }
        assertThat(lines(null, Locale.ENGLISH)).isEmpty();
        assertThat(lines(new ConnectionCheck(false, GraphFailure.Kind.WRONG_TENANT, "AADSTS90002", Instant.now(),
                false, null), Locale.ENGLISH)).as("no token, no permissions").isEmpty();
    }

    @Test
    void everyGraphFailureHasWordsAndAnUnsetAddressIsNamedOnTheCallQualityState() {
        for (Locale locale : BrowserLanguage.all()) {
            ResourceBundle texts = BrowserLanguage.bundle(TenantText.BUNDLE, locale);
            for (GraphFailure.Kind kind : GraphFailure.Kind.values()) {
                assertThat(texts.containsKey("teams.failure." + kind.name())).as(locale + " " + kind).isTrue();
            }
        }
        ResourceBundle english = BrowserLanguage.bundle(TenantText.BUNDLE, Locale.ENGLISH);
        String state = CallQualityWords.of(new CallSubscriptionView(false, null,
                        GraphFailure.Kind.NOTIFICATION_URL_NOT_SET.name(), "not set", Instant.now()), english::getString,
                (key, args) -> MessageFormat.format(english.getString(key), args));
        assertThat(state).contains("public address is not set", "openvisit.public-url", "no subscription was asked for")
                .doesNotContain("NOTIFICATION_URL_NOT_SET");
    }
}
