/**
 * The launch model: the audit log of every launch, accepted or refused, with its reason; never
 * tokens, codes, state or patient data.
 */
package org.openvisit.launch.domain.model;
