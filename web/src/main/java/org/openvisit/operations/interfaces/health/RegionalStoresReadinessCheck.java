package org.openvisit.operations.interfaces.health;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.openvisit.operations.application.DatabaseStatus;
import org.openvisit.operations.application.OperationsService;
import org.openvisit.tenant.domain.model.DataRegion;

/**
 * Each regional store: UP or DOWN, its schema version and response time (for example {@code emea: DOWN},
 * {@code emeaSchemaVersion: none}). The check itself is UP while at least one region's store answers: a region whose
 * database is down refuses only its own organizations' launches, so the node stays in service for the others.
 */
@Readiness
@ApplicationScoped
public class RegionalStoresReadinessCheck implements HealthCheck {

    @EJB
    private OperationsService operations;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("regional-stores");
        boolean anyUp = false;
        for (DataRegion region : DataRegion.values()) {
            DatabaseStatus status = operations.storeStatus(region);
            boolean up = status.reachable() && status.schemaVersion() != null;
            anyUp |= up;
            response.withData(region.key(), up ? "UP" : "DOWN")
                    .withData(region.key() + "SchemaVersion", status.schemaVersion() == null ? "none" : status.schemaVersion())
                    .withData(region.key() + "ResponseMillis", status.responseMillis());
        }
        return response.status(anyUp).build();
    }
}
