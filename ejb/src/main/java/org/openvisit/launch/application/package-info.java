/**
 * The launch: SMART EHR launch handling and the audit log of every launch, accepted or refused.
 */
package org.openvisit.launch.application;
