package org.openvisit.launch.interfaces.web;

import org.openvisit.ehr.OAuthStart;

import java.io.Serial;
import java.io.Serializable;
import java.util.UUID;

/**
 * A clinician's Microsoft sign-in this browser began, until Entra sends it back: the flow's state, nonce and PKCE
 * verifier, whose link it makes (organization and EHR user id), the callback address sent, and where the launch goes
 * on to afterwards (the Teams meeting's join URL). {@link #toString()} shows no secret.
 */
record PendingTeamsSignIn(OAuthStart start, UUID organizationId, String ehrUserId, String redirectUri,
                          String continueTo) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    @Override
    public String toString() {
        return "PendingTeamsSignIn[organization " + organizationId + "]";
    }
}
