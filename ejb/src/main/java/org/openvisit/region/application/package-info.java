/**
 * Routing to the regional stores: which region a piece of work belongs to (organization, endpoint, visit) and whether
 * its store can be used now; and an operator's move of an organization to another region (its job, steps and pauses).
 */
package org.openvisit.region.application;
