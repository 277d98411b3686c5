package org.openvisit.visit.application;

/** The outcome of opening a visit: the visit, and whether this call made it (or found it). */
public record OpenedVisit(VisitView visit, boolean created) {
}
