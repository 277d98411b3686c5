/**
 * Routing to the regional stores: which region a piece of work belongs to (organization, endpoint, visit) and whether
 * its store can be used now.
 */
package org.openvisit.region.application;
