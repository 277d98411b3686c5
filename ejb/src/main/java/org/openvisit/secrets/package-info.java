/**
 * The installation's master key and sealing with it: secrets OpenVisit must keep (context-link
 * keys, later keyed hashes) are stored only sealed, never in the clear.
 */
package org.openvisit.secrets;
