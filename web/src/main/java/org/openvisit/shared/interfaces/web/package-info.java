/**
 * What every page shares: turning a refused request into a message the person can act on, the browser's
 * language for texts from the bundles ({@link org.openvisit.shared.interfaces.web.BrowserLanguage}), and the
 * one filter for response security headers (who may frame which page, the session cookie's attributes).
 */
package org.openvisit.shared.interfaces.web;
