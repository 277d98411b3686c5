/**
 * Portal accounts built into OpenVisit (the embedded default's sign-in): who may sign in, with
 * which roles, in which organization. Passwords are kept only as PBKDF2 hashes; the optional second factor's secret
 * only sealed, its recovery codes only hashed.
 */
package org.openvisit.identity.domain.model;
