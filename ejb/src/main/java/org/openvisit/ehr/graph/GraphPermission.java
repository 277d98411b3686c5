package org.openvisit.ehr.graph;

/**
 * The Microsoft Graph application permissions OpenVisit's app-only calls need, each with the Graph name an
 * administrator grants (admin consent) in Microsoft Entra. Clinicians' one-time sign-in uses the delegated
 * {@code openid} and {@code profile} only, which are not application permissions.
 */
public enum GraphPermission {

    /** {@code POST /users/{organizer}/onlineMeetings/createOrGet}: the visits' meetings (and Test connection's). */
    MEETINGS("OnlineMeetings.ReadWrite.All"),
    /** {@code .../onlineMeetings/{id}/attendanceReports} and their records: connect / disconnect events. */
    ATTENDANCE("OnlineMeetingArtifact.Read.All"),
    /** {@code /subscriptions} to and {@code GET /communications/callRecords/{id}}: the visits' call quality. */
    CALL_RECORDS("CallRecords.Read.All");

    private final String graphName;

    GraphPermission(String graphName) {
        this.graphName = graphName;
    }

    /** The permission's name in Microsoft Graph and Entra, e.g. {@code CallRecords.Read.All}. */
    public String graphName() {
        return graphName;
    }
}
