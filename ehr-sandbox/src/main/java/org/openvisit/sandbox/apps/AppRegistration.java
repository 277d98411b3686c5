package org.openvisit.sandbox.apps;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One app registered with the sandbox EHR. URLs may contain {@code {origin}}, replaced at use by the
 * app's origin (see {@link AppOrigin}).
 *
 * @param jwksUrl       where the client's public keys are published (confidential clients)
 * @param jwks          an inline JWKS (JSON text) that, when set, is used instead of {@code jwksUrl}
 * @param contextKeyId  the key id written into encrypted context links
 * @param contextKey    the AES-256 key for encrypted context links, base64 (32 bytes)
 * @param patientLaunchUrl where the patient portal launches the app ({@code null}: the same {@code launchUrl})
 * @param launchBehaviours how every launch of this app behaves (see {@link LaunchBehaviour})
 */
public record AppRegistration(String clientId, String name, ClientKind kind, List<String> redirectUris,
                              String launchUrl, String contextLinkUrl, LaunchStyle launchStyle,
                              String jwksUrl, String jwks, String contextKeyId, String contextKey,
                              String patientLaunchUrl, Set<LaunchBehaviour> launchBehaviours) {

    public AppRegistration(String clientId, String name, ClientKind kind, List<String> redirectUris, String launchUrl,
                           String contextLinkUrl, LaunchStyle launchStyle, String jwksUrl, String jwks,
                           String contextKeyId, String contextKey) {
        this(clientId, name, kind, redirectUris, launchUrl, contextLinkUrl, launchStyle, jwksUrl, jwks, contextKeyId,
                contextKey, null, Set.of());
    }

    public AppRegistration {
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("clientId is required");
        }
        redirectUris = redirectUris == null ? List.of() : List.copyOf(redirectUris);
        kind = kind == null ? ClientKind.PUBLIC : kind;
        launchStyle = launchStyle == null ? LaunchStyle.SMART_EHR_LAUNCH : launchStyle;
        launchBehaviours = launchBehaviours == null || launchBehaviours.isEmpty() ? Set.of()
                : Set.copyOf(EnumSet.copyOf(launchBehaviours));
    }

    public AppRegistration withLaunchStyle(LaunchStyle style) {
        return new AppRegistration(clientId, name, kind, redirectUris, launchUrl, contextLinkUrl, style,
                jwksUrl, jwks, contextKeyId, contextKey, patientLaunchUrl, launchBehaviours);
    }

    public AppRegistration withJwks(String inlineJwks) {
        return new AppRegistration(clientId, name, kind, redirectUris, launchUrl, contextLinkUrl, launchStyle,
                jwksUrl, inlineJwks, contextKeyId, contextKey, patientLaunchUrl, launchBehaviours);
    }
}
