package org.openvisit.ehr.graph;

import java.util.Objects;

/** An organization's app registration in Microsoft Entra: its tenant, its application (client) id and credential. */
public record GraphApp(String tenantId, String clientId, GraphCredential credential) {

    public GraphApp {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(credential, "credential");
    }

    /** What a cached token is kept under: the same tenant, client and credential get the same token. */
    String cacheKey() {
        return tenantId + "|" + clientId + "|" + credential.fingerprint();
    }

    @Override
    public String toString() {
        return "GraphApp[tenant " + tenantId + ", client " + clientId + ", " + credential.kind() + "]";
    }
}
