/**
 * The launch: the SMART EHR launch (per-endpoint launch URLs, the launch context as EHRs really send it) and the
 * encrypted context link, each returning where the browser lands or throwing a {@link
 * org.openvisit.launch.application.LaunchRefusal} reason; and the audit log of every launch, accepted or refused.
 */
package org.openvisit.launch.application;
