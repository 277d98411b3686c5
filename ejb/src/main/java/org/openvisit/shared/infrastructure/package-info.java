/**
 * Technical helpers every context shares: JSON-P factories, the one log sanitiser ({@link LogText}) and
 * rate-limited warnings ({@link QuietLog}). Nothing of the business lives here.
 */
package org.openvisit.shared.infrastructure;
