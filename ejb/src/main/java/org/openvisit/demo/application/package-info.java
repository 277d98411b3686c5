/**
 * Development mode only: the demo organization whose endpoint is the bundled EHR sandbox, seeded
 * already approved so that the sandbox's "Begin virtual visit" works right after the first start.
 */
package org.openvisit.demo.application;
