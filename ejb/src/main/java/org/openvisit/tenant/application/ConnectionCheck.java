package org.openvisit.tenant.application;

import org.openvisit.ehr.graph.GraphFailure;

import java.io.Serializable;
import java.time.Instant;

/**
 * The result of the portal's Test connection: whether a token and the check meeting could be had, and if not which
 * thing is missing ({@code failure}) with Entra's or Graph's own words for it ({@code detail}, English).
 */
public record ConnectionCheck(boolean ok, GraphFailure.Kind failure, String detail, Instant checkedAt)
        implements Serializable {
}
