package org.openvisit.shared.interfaces.rest;

/** The names of the REST API's sections in /openapi; each is described once, in {@link OpenVisitApi}. */
public final class ApiTags {

    public static final String ORGANIZATIONS = "Organizations";
    public static final String FHIR_ENDPOINTS = "FHIR endpoints";
    public static final String USERS = "Users";
    public static final String SMS = "SMS";
    public static final String VISITS = "Visits";
    public static final String WRITE_BACK = "Write-back";
    public static final String REPORTS = "Reports";
    public static final String REPORTS_TOKENS = "Reports tokens";
    public static final String AUDIT_TRAIL = "Audit trail";
    public static final String LAUNCH_AUDIT = "Launch audit";
    public static final String OPERATIONS = "Operations";

    private ApiTags() {
    }
}
