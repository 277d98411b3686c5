package org.openvisit.sandbox.apps;

/** How "Begin virtual visit" launches the app. */
public enum LaunchStyle {
    /** SMART EHR launch: {@code launchUrl?iss=<fhir base>&launch=<opaque>}. */
    SMART_EHR_LAUNCH,
    /** Epic-style encrypted context link: {@code contextLinkUrl?token=<AES-256-GCM token>}. */
    CONTEXT_LINK
}
