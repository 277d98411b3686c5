/** Secrets of the installation itself (each stored once, sealed under the master key). */
package org.openvisit.secrets.domain.model;
