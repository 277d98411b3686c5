package org.openvisit.ehr;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.TokenRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import net.minidev.json.JSONObject;

import java.io.IOException;
import java.security.CodeSource;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.logging.Logger;

/**
 * Says at start which Nimbus libraries the application really runs with, and from where: Payara puts its own
 * nimbus-jose-jwt and json-smart on the class path, so which copy wins depends on the server's class loading.
 * The OAuth SDK (oauth2-oidc-sdk 11.x) needs nimbus-jose-jwt 10.4 up to (not including) 11 and json-smart 2.5 up to
 * 3 (its own OSGi import ranges); anything else stops the deployment here, with a message, instead of failing at
 * the first sign-in with a {@code NoSuchMethodError}.
 */
@ApplicationScoped
public class NimbusLibraries {

    private static final Logger LOG = Logger.getLogger(NimbusLibraries.class.getName());

    void checkAtStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        String jose = version(JWSAlgorithm.class);
        String smart = version(JSONObject.class);
        String oauth = version(TokenRequest.class);
        LOG.info(() -> "EHR layer: Nimbus OAuth 2.0 SDK " + oauth + " (" + origin(TokenRequest.class) + "), Nimbus "
                + "JOSE+JWT " + jose + " (" + origin(JWSAlgorithm.class) + "), json-smart " + smart + " ("
                + origin(JSONObject.class) + ")");
        String problem = problem(jose, smart);
        if (problem != null) {
            LOG.severe(() -> "OpenVisit cannot start: " + problem);
            throw new IllegalStateException(problem);
        }
    }

    /** What is wrong with these versions, or {@code null}; an unknown version (no manifest) is not judged. */
    static String problem(String jose, String jsonSmart) {
        if (!within(jose, 10, 4, 11)) {
            return "the server gives the application nimbus-jose-jwt " + jose + ", but the Nimbus OAuth 2.0 SDK needs "
                    + "10.4 or later below 11. Check which nimbus-jose-jwt the server puts on the class path.";
        }
        if (!within(jsonSmart, 2, 5, 3)) {
            return "the server gives the application json-smart " + jsonSmart + ", but the Nimbus OAuth 2.0 SDK needs "
                    + "2.5 or later below 3. Check which json-smart the server puts on the class path.";
        }
        return null;
    }

    private static boolean within(String version, int major, int minor, int belowMajor) {
        if (version == null || !version.matches("\\d+\\.\\d+.*")) {
            return true;
        }
        String[] parts = version.split("[.\\-]");
        int foundMajor = Integer.parseInt(parts[0]);
        int foundMinor = Integer.parseInt(parts[1].replaceAll("\\D.*", "").isEmpty() ? "0"
                : parts[1].replaceAll("\\D.*", ""));
        return (foundMajor > major || (foundMajor == major && foundMinor >= minor)) && foundMajor < belowMajor;
    }

    private static String version(Class<?> type) {
        Package found = type.getPackage();
        String version = found == null ? null : found.getImplementationVersion();
        if (version == null) {
            version = bundleVersion(type);
        }
        return version == null ? "of unknown version" : version;
    }

    /** The OSGi {@code Bundle-Version} of the jar the class comes from (Payara's own jars have no other). */
    private static String bundleVersion(Class<?> type) {
        try {
            CodeSource source = type.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null || !source.getLocation().getPath().endsWith(".jar")) {
                return null;
            }
            try (JarInputStream jar = new JarInputStream(source.getLocation().openStream())) {
                Manifest manifest = jar.getManifest();
                return manifest == null ? null : manifest.getMainAttributes().getValue("Bundle-Version");
            }
        } catch (IOException | SecurityException unreadable) {
            return null;
        }
    }

    private static String origin(Class<?> type) {
        try {
            CodeSource source = type.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return "the server's own class path";
            }
            String location = source.getLocation().toString();
            return location.substring(location.lastIndexOf('/', location.length() - 2) + 1);
        } catch (SecurityException hidden) {
            return "location not shown";
        }
    }
}
