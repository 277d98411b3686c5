/**
 * The organizations REST API (JSON) for automation; it calls the same services as the portal.
 */
package org.openvisit.tenant.interfaces.rest;
