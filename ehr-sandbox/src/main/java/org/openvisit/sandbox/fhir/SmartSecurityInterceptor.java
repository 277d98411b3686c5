package org.openvisit.sandbox.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.UriType;

/**
 * Adds SMART's security section (service SMART-on-FHIR and the oauth-uris extension) to the
 * CapabilityStatement, and leaves out the Turtle format the sandbox does not ship.
 */
@Interceptor
public class SmartSecurityInterceptor {

    @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
    public void addSecurity(IBaseConformance generated, RequestDetails request) {
        CapabilityStatement statement = (CapabilityStatement) generated;
        String base = request.getFhirServerBase();
        String sandbox = base.substring(0, base.lastIndexOf("/fhir"));
        statement.setPublisher("OpenVisit EHR sandbox");
        // the RDF (Turtle) encoding's libraries are left out of the WAR
        statement.getFormat().removeIf(format -> format.getValue().contains("turtle") || format.getValue().equals("ttl"));
        CapabilityStatement.CapabilityStatementRestSecurityComponent security = statement.getRestFirstRep().getSecurity();
        security.setCors(true);
        security.addService(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/restful-security-service", "SMART-on-FHIR", "SMART-on-FHIR")));
        Extension oauth = security.addExtension().setUrl("http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris");
        oauth.addExtension("authorize", new UriType(sandbox + "/oauth/authorize"));
        oauth.addExtension("token", new UriType(sandbox + "/oauth/token"));
    }
}
