package org.openvisit.tenant.interfaces.rest;

/** The JSON body of a rejection or withdrawal: why, in 1 to 500 characters. */
public record ReasonRequest(String reason) {
}
