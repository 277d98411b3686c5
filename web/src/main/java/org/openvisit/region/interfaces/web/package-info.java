/** The operators' portal screen of region moves: start one, follow its progress. */
package org.openvisit.region.interfaces.web;
