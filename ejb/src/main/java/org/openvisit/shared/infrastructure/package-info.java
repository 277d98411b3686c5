/**
 * Technical helpers every context shares (JSON-P factories). Nothing of the business lives here.
 */
package org.openvisit.shared.infrastructure;
