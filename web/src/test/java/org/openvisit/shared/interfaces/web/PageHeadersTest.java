package org.openvisit.shared.interfaces.web;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PageHeadersTest {

    @Test
    void thePolicyAllowsScriptsOnlyFromFilesOfThisServerAndNamesWhoMayFrame() {
        String none = PageHeaders.contentSecurityPolicy(false, List.of());
        assertThat(none).contains("default-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'")
                .endsWith("script-src 'self'").doesNotContain("unsafe-eval").doesNotContain("unsafe-inline'; script");
        assertThat(PageHeaders.contentSecurityPolicy(false, List.of("https://ehr.example.org")))
                .contains("frame-ancestors https://ehr.example.org;");
        // PrimeFaces' widgets are set up by inline scripts on the portal's pages
        assertThat(PageHeaders.contentSecurityPolicy(true, List.of())).endsWith("script-src 'self' 'unsafe-inline'")
                .doesNotContain("unsafe-eval");
    }

    @Test
    void jsfPagesAreTheXhtmlOnesAndTheRoot() {
        assertThat(PageHeaders.isJsf("/sign-in.xhtml")).isTrue();
        assertThat(PageHeaders.isJsf("/")).isTrue();
        assertThat(PageHeaders.isJsf("/visit/0f8fad5b-d9cb-469f-a165-70867728950e")).isFalse();
        assertThat(PageHeaders.isJsf("/device-test")).isFalse();
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
}
