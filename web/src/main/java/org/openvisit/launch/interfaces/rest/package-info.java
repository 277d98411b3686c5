/** The launch audit log over the API, for operators and the organization's administrators. */
package org.openvisit.launch.interfaces.rest;
