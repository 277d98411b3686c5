package org.openvisit.operations.interfaces.health;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.openvisit.operations.application.DatabaseStatus;
import org.openvisit.operations.application.OperationsService;

/** Ready only when the database answers a real query and its schema is migrated. */
@Readiness
@ApplicationScoped
public class DatabaseReadinessCheck implements HealthCheck {

    @EJB
    private OperationsService operations;

    @Override
    public HealthCheckResponse call() {
        DatabaseStatus status = operations.databaseStatus();
        return HealthCheckResponse.named("database")
                .status(status.reachable() && status.schemaVersion() != null)
                .withData("product", status.product() == null ? "unknown" : status.product())
                .withData("schemaVersion", status.schemaVersion() == null ? "none" : status.schemaVersion())
                .withData("responseMillis", status.responseMillis())
                .build();
    }
}
