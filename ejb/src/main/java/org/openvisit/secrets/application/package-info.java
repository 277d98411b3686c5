/** Secrets of the installation, generated once, kept sealed in the database, opened on demand. */
package org.openvisit.secrets.application;
