/** The scheduled purge of each region's data past its retention, and what the portal shows of it. */
package org.openvisit.retention.application;
