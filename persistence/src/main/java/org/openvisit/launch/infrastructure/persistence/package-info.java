/** JPA repository of the launch audit log. */
package org.openvisit.launch.infrastructure.persistence;
