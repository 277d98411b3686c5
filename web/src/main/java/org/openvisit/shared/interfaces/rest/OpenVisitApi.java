package org.openvisit.shared.interfaces.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;

/** The REST API root: everything for machines lives under /api. */
@ApplicationPath("/api")
@OpenAPIDefinition(info = @Info(title = "OpenVisit API", version = "1",
        description = "Organizations, endpoints, visits and reports of an OpenVisit installation.",
        license = @License(name = "Apache-2.0")))
public class OpenVisitApi extends Application {
}
