/**
 * App registrations: the SMART clients the sandbox EHR knows (client id, redirect URIs, launch URL,
 * keys) and the two OpenVisit registrations seeded at start.
 */
package org.openvisit.sandbox.apps;
