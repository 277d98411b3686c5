/**
 * Retention (issue 18): how long a region's visit data and launch audit are kept, and the record of what each purge
 * deleted.
 */
package org.openvisit.retention.domain.model;
