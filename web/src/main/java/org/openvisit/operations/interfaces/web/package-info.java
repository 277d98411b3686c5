/**
 * The operations endpoints on the wire: which paths are Payara's metrics and health endpoints, for the sign-in
 * mechanism (HTTP Basic, operators only) and the refusal a monitoring client gets.
 */
package org.openvisit.operations.interfaces.web;
