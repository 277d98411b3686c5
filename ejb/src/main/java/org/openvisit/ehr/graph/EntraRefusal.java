package org.openvisit.ehr.graph;

import org.openvisit.ehr.CodeExchange;
import org.openvisit.ehr.graph.GraphFailure.Kind;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Microsoft Entra's refusal of a token request means, read from its {@code AADSTS} error number (in the
 * {@code error_description}) and the OAuth error code, in words the IT person who registered the app can act on.
 */
final class EntraRefusal {

    private static final Pattern AADSTS = Pattern.compile("AADSTS(\\d+)");

    private EntraRefusal() {
    }

    static GraphFailure of(GraphApp app, CodeExchange.Refused refused) {
        String number = aadsts(refused.description());
        String seen = " (Microsoft Entra answered HTTP " + refused.status()
                + (refused.error() == null ? "" : ", " + refused.error())
                + (number.isEmpty() ? "" : ", AADSTS" + number) + ".)";
        if (refused.status() >= 500) {
            return new GraphFailure(Kind.SERVICE_DOWN, "Microsoft Entra could not issue a token just now; try again "
                    + "in a few minutes." + seen);
        }
        return switch (number) {
            case "90002", "900023", "90072" -> new GraphFailure(Kind.WRONG_TENANT, "Microsoft Entra does not know the "
                    + "directory (tenant) id " + app.tenantId() + ". Copy the Directory (tenant) ID from the app "
                    + "registration's Overview page." + seen);
            case "700016", "7000112" -> new GraphFailure(Kind.UNKNOWN_CLIENT, "The tenant " + app.tenantId()
                    + " has no enabled app with the application (client) id " + app.clientId() + ". Copy the "
                    + "Application (client) ID from the app registration's Overview page, in the same tenant." + seen);
            case "7000222" -> new GraphFailure(Kind.CREDENTIAL_EXPIRED, "The app's client secret has expired. Create "
                    + "a new secret under Certificates & secrets (or better, upload a certificate) and enter it in "
                    + "OpenVisit's Teams settings." + seen);
            case "7000215" -> new GraphFailure(Kind.BAD_CREDENTIAL, "Microsoft Entra did not accept the client "
                    + "secret. Enter the secret's Value (not its Secret ID) from Certificates & secrets." + seen);
            case "700027", "700024", "700023" -> new GraphFailure(Kind.BAD_CREDENTIAL, "Microsoft Entra did not "
                    + "accept OpenVisit's certificate assertion: the certificate OpenVisit holds is not among the "
                    + "app registration's certificates (upload its public part under Certificates & secrets), or "
                    + "this server's clock is wrong." + seen);
            case "65001", "7000218" -> new GraphFailure(Kind.PERMISSION_MISSING, "The app has no admin consent for "
                    + "its permissions. Grant admin consent for OnlineMeetings.ReadWrite.All under API permissions."
                    + seen);
            default -> "invalid_client".equals(refused.error() == null ? "" : refused.error())
                    ? new GraphFailure(Kind.BAD_CREDENTIAL, "Microsoft Entra did not accept the app's credential "
                    + "(client secret or certificate). Check it under Certificates & secrets." + seen)
                    : new GraphFailure(Kind.UNEXPECTED, "Microsoft Entra refused the token request." + seen);
        };
    }

    private static String aadsts(String description) {
        if (description == null) {
            return "";
        }
        Matcher m = AADSTS.matcher(description);
        return m.find() ? m.group(1) : "";
    }
}
