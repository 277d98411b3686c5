package org.openvisit.tenant.domain.model;

/**
 * Whether an endpoint's FHIR base URL is one another organization of this installation uses too, and whether
 * the organization's administrator confirmed that it is a shared EHR (Epic Community Connect: one Epic
 * instance, several affiliated organizations; one Oracle Health domain, several hospitals).
 * <p>
 * The rule ({@link #isSharedEhr}): a URL nobody else uses is this organization's own (a confirmation is not
 * needed and not recorded); a URL another organization uses is accepted only as a confirmed shared EHR. The
 * administrator learns only that one fact, never which organization, how many, or anything of theirs.
 *
 * @param usedByAnotherOrganization another organization has an endpoint (in any status) with this URL
 * @param confirmed                 the administrator chose "register it as a shared EHR"
 */
public record EhrSharing(boolean usedByAnotherOrganization, boolean confirmed) {

    /** A URL no other organization uses. */
    public static final EhrSharing NOT_SHARED = new EhrSharing(false, false);

    /** What the history row says when an administrator confirmed a shared EHR. */
    static final String CONFIRMED_NOTE = "Confirmed as a shared EHR: this FHIR base URL is registered by another "
            + "organization of this installation too";

    /**
     * @return whether the endpoint is recorded as a shared EHR
     * @throws SharedEhrNotConfirmedException another organization uses the URL and the administrator did not confirm
     */
    public boolean isSharedEhr(FhirBaseUrl baseUrl) {
        if (!usedByAnotherOrganization) {
            return false;
        }
        if (!confirmed) {
            throw new SharedEhrNotConfirmedException(baseUrl);
        }
        return true;
    }
}
