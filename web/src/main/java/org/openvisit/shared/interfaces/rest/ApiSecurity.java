package org.openvisit.shared.interfaces.rest;

/** The names of the REST API's ways to sign in, as /openapi declares them in {@link OpenVisitApi}. */
public final class ApiSecurity {

    /** HTTP Basic with a portal account: every call but the open ones. */
    public static final String PORTAL_ACCOUNT = "portalAccount";
    /** A reports token (a JWT as HTTP bearer): the reports calls only. */
    public static final String REPORTS_TOKEN = "reportsToken";

    private ApiSecurity() {
    }
}
