/**
 * A stand-in for Twilio's REST API (2010-04-01) for demos and tests, speaking its real HTTP shapes: numbers on offer,
 * bought and released, messages taken and their delivery reported to the status callback with Twilio's signature.
 * Nothing leaves the machine; its numbers are fictional (555-01xx in North America).
 */
package org.openvisit.sandbox.twilio;
