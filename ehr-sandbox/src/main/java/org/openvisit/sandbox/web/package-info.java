/**
 * Web plumbing shared by the sandbox's endpoints and pages: how the components are wired (CDI
 * producers), the request's origin and FHIR base, and small HTML and JSON response helpers.
 */
package org.openvisit.sandbox.web;
