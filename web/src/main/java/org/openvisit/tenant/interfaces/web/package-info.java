/**
 * Portal screens for organizations: one view-scoped bean per screen, calling the tenant services.
 */
package org.openvisit.tenant.interfaces.web;
