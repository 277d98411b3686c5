/**
 * A stand-in for Microsoft Entra's token endpoint and Microsoft Graph's online meetings, speaking their HTTP API, so
 * that OpenVisit's Teams platform can be tried and tested with nothing leaving the machine.
 */
package org.openvisit.sandbox.graph;
