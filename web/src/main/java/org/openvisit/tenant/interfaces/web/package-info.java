/**
 * Portal screens for organizations: one view-scoped bean per screen, calling the tenant services; their new
 * texts from the tenant bundle {@code Messages} in the browser's language ({@link org.openvisit.tenant.interfaces.web.TenantText}).
 */
package org.openvisit.tenant.interfaces.web;
