/**
 * What every portal screen shares: turning a refused request into a message the person can act on.
 */
package org.openvisit.shared.interfaces.web;
