/**
 * The visit model: one visit per endpoint and appointment (or conference), known only by a keyed
 * hash of that id, its status, its meeting and the clinicians who launched it; its events in order, and the call
 * they show (when clinician and patient were first connected together, when the last person left).
 */
package org.openvisit.visit.domain.model;
