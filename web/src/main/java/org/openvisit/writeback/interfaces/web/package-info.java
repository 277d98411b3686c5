/**
 * The write-back pages: OpenVisit's public JWKS ({@code /.well-known/jwks.json}) and the portal's
 * write-back queue screen.
 */
package org.openvisit.writeback.interfaces.web;
