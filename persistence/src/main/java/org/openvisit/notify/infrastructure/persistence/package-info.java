/** JPA repositories of the SMS setup (global store: it is the organization's configuration, not patient data). */
package org.openvisit.notify.infrastructure.persistence;
