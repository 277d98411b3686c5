package org.openvisit.notify.domain.model;

/** Why a poll of an EHR's FHIR API did not finish, as the portal names it (the words come with each failure). */
public enum FhirFeedFailure {
    /** The EHR's token endpoint or FHIR API did not accept OpenVisit's backend client or token (401). */
    UNAUTHORIZED,
    /** The EHR refused the search or the read (403: scopes, or the client is not allowed). */
    FORBIDDEN,
    /** The EHR answered 5xx, 429, or could not be reached. */
    UNAVAILABLE,
    /** The EHR did not answer in time. */
    TIMEOUT,
    /** The EHR answered something OpenVisit cannot read (not a searchset Bundle, a 4xx other than 401/403). */
    BAD_ANSWER,
    /** Not polled: the organization has not given both SMS consents. */
    NO_CONSENT,
    /** OpenVisit could not store what it read (its regional store is down, or the organization is being moved). */
    STORE_UNAVAILABLE,
    /** Not polled: the endpoint is not approved, or its address is refused by the outbound address policy. */
    NOT_READY
}
