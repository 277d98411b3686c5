/** JPA repository of the installation's sealed secrets. */
package org.openvisit.secrets.infrastructure.persistence;
