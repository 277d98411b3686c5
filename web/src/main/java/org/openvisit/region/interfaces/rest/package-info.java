/**
 * The operators' REST API for moving an organization's data to another region: start a move, read its progress.
 */
package org.openvisit.region.interfaces.rest;
