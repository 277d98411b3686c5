package org.openvisit.shared.interfaces.web;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PageHeadersTest {

    @Test
    void thePolicyAllowsScriptsOnlyFromFilesOfThisServerAndNamesWhoMayFrame() {
        String none = PageHeaders.contentSecurityPolicy(List.of());
        assertThat(none).contains("default-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'")
                .endsWith("script-src 'self'").doesNotContain("unsafe-eval").doesNotContain("unsafe-inline'; script");
        assertThat(PageHeaders.contentSecurityPolicy(List.of("https://ehr.example.org")))
                .contains("frame-ancestors https://ehr.example.org;");
    }

    @Test
    void aPortalPageAllowsPrimeFacesInlineScriptsOnlyWithTheViewsNonce() {
        String page = PageHeaders.contentSecurityPolicy(List.of("https://ehr.example.org"));
        String nonce = "ZjQ2YjRmMTEtNzk2Yy00ZjU2LWJhYjgtYjM5ZmM2ZDRiOGYx";

        assertThat(PageHeaders.withScriptNonce(page, nonce))
                .isEqualTo(page + " 'nonce-" + nonce + "'")
                .endsWith("script-src 'self' 'nonce-" + nonce + "'")
                .contains("frame-ancestors https://ehr.example.org;")
                .doesNotContain("unsafe-inline'; script", "unsafe-eval");
        // a nonce that could end the directive or add a source is never written
        assertThat(PageHeaders.withScriptNonce(page, "abc' 'unsafe-inline")).isEqualTo(page);
        assertThat(PageHeaders.withScriptNonce(page, "abcdefgh; script-src *")).isEqualTo(page);
        assertThat(PageHeaders.withScriptNonce(page, null)).isEqualTo(page);
        // a policy that is not the page's own (another filter changed it) is left as it is
        assertThat(PageHeaders.withScriptNonce("default-src *", nonce)).isEqualTo("default-src *");
    }

    @Test
    void cameraAndMicrophoneOnlyOnVisitPagesAndTheDeviceTest() {
        String visit = "/visit/0f8fad5b-d9cb-469f-a165-70867728950e";
        assertThat(PageHeaders.usesDevices(visit)).isTrue();
        assertThat(PageHeaders.usesDevices(visit + "/lobby")).isTrue();
        assertThat(PageHeaders.usesDevices("/device-test")).isTrue();
        assertThat(PageHeaders.usesDevices(visit + "/events")).isFalse();
        assertThat(PageHeaders.usesDevices("/endpoints.xhtml")).isFalse();
        assertThat(PageHeaders.permissionsPolicy(true)).contains("camera=(self)", "microphone=(self)");
        assertThat(PageHeaders.permissionsPolicy(false)).contains("camera=()", "microphone=()");
    }

    @Test
    void aVisitPageMayConnectToTheGroupVisitSfuAndNothingElse() {
        assertThat(PageHeaders.contentSecurityPolicy(List.of(), "http://127.0.0.1:8088"))
                .contains("connect-src 'self' http://127.0.0.1:8088;");
        assertThat(PageHeaders.contentSecurityPolicy(List.of(), "http://x; script-src *"))
                .isEqualTo(PageHeaders.contentSecurityPolicy(List.of()));
        assertThat(PageHeaders.contentSecurityPolicy(List.of(), null)).isEqualTo(PageHeaders.contentSecurityPolicy(List.of()));
        assertThat(SecurityHeaders.originOf("https://sfu.example.org/janus")).isEqualTo("https://sfu.example.org");
    }
}
