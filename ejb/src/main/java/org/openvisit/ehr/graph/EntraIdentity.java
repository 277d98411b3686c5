package org.openvisit.ehr.graph;

/** Who signed in with Microsoft: Entra's tenant id ({@code tid}) and object id ({@code oid}), both GUIDs. */
public record EntraIdentity(String tenantId, String objectId) {
}
