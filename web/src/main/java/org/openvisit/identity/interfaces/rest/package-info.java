/**
 * The portal users REST API (JSON) for automation, and the signed-in caller of every API request as
 * the actor the services act for.
 */
package org.openvisit.identity.interfaces.rest;
