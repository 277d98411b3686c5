package org.openvisit.shared.interfaces.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The REST API root: everything for machines lives under /api. A portal account's username and password (HTTP Basic)
 * opens every call its roles allow; the reports calls also take a reports token; the calls other machines make to
 * OpenVisit (the EHR's feeds, Twilio's webhooks) and the version carry no account ({@link ApiSecurity}).
 */
@ApplicationPath("/api")
@SecurityScheme(securitySchemeName = ApiSecurity.PORTAL_ACCOUNT, type = SecuritySchemeType.HTTP, scheme = "basic",
        description = "A portal account's username and password; its roles decide what it may do")
@SecurityScheme(securitySchemeName = ApiSecurity.REPORTS_TOKEN, type = SecuritySchemeType.HTTP, scheme = "bearer",
        bearerFormat = "JWT", description = "A reports token an organization administrator made (Reports tokens)")
@OpenAPIDefinition(info = @Info(title = "OpenVisit API", version = "1",
        description = "Organizations, endpoints, visits and reports of an OpenVisit installation.",
        license = @License(name = "Apache-2.0")),
        security = @SecurityRequirement(name = ApiSecurity.PORTAL_ACCOUNT),
        tags = {
            @Tag(name = ApiTags.ORGANIZATIONS, description = "Tenants: hospitals and health systems using this "
                    + "installation, with their Teams settings, retention and data region"),
            @Tag(name = ApiTags.FHIR_ENDPOINTS, description = "The EHR FHIR endpoints of organizations, their approval "
                    + "and their context-link keys"),
            @Tag(name = ApiTags.USERS, description = "Portal users of an organization"),
            @Tag(name = ApiTags.SMS, description = "Appointment messages by SMS: consents, numbers, templates, the "
                    + "messages sent, and the appointment feeds that start them (HL7v2, FHIR Subscription, Twilio)"),
            @Tag(name = ApiTags.VISITS, description = "Operator calls on visits"),
            @Tag(name = ApiTags.WRITE_BACK, description = "Visit events written back to the EHR: the queue, dead "
                    + "letters, health"),
            @Tag(name = ApiTags.REPORTS, description = "Visit figures and the visits table of one organization; HTTP "
                    + "Basic or a reports bearer token (JWT, group REPORT_READER)"),
            @Tag(name = ApiTags.REPORTS_TOKENS, description = "Bearer tokens (JWT) for an organization's reporting "
                    + "service accounts"),
            @Tag(name = ApiTags.AUDIT_TRAIL, description = "Sign-ins, approval steps, keys, launches, admissions and "
                    + "removals, write-back outcomes and exports as FHIR AuditEvents; never patient data"),
            @Tag(name = ApiTags.LAUNCH_AUDIT, description = "Every launch, accepted or refused, with its reason; never "
                    + "tokens"),
            @Tag(name = ApiTags.OPERATIONS, description = "The product and API version, for monitors and load "
                    + "balancers")
        })
public class OpenVisitApi extends Application {
}
