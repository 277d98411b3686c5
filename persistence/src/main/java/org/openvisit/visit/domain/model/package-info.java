/**
 * The visit model: one visit per endpoint and appointment (or conference), known only by a keyed
 * hash of that id, its status, its meeting and the clinicians who launched it.
 */
package org.openvisit.visit.domain.model;
