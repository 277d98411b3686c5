/** How long an organization's visits are kept, over the API. */
package org.openvisit.retention.interfaces.rest;
