package org.openvisit.ehr.graph;

/**
 * A Teams online meeting as Graph returned it: its Graph id, our external id, the join URL everyone opens, and
 * whether this call created it (201) or found it (200).
 */
public record OnlineMeeting(String id, String externalId, String joinWebUrl, boolean created) {
}
