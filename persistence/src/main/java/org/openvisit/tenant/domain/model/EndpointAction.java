package org.openvisit.tenant.domain.model;

/** What can be done to a FHIR endpoint; every action that succeeds leaves a row in its history. */
public enum EndpointAction {
    CREATE("created"),
    EDIT("edited"),
    SUBMIT("submitted for approval"),
    RECORD_EHR_VERIFICATION("marked as EHR-verified"),
    APPROVE("approved"),
    REJECT("rejected"),
    WITHDRAW("withdrawn"),
    /** Which sites may show its launch and visit pages in a frame; allowed in every status and changes none. */
    SET_FRAME_ANCESTORS("given other sites that may frame it");

    private final String pastParticiple;

    EndpointAction(String pastParticiple) {
        this.pastParticiple = pastParticiple;
    }

    /** "approved", "submitted for approval": for messages ("it can only be ..."). */
    public String pastParticiple() {
        return pastParticiple;
    }
}
