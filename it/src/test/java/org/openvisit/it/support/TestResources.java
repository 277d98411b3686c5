package org.openvisit.it.support;

/** Names of what test classes must not use at the same time (JUnit resource locks; it/pom.xml runs two classes at once). */
public final class TestResources {

    /** The machine's CPU as used by a class that drives several Chromiums at once. */
    public static final String MANY_BROWSERS = "openvisit.many-browsers";

    /** The EHR sandbox's Subscription switch (offered or not): only FHIR Subscription tests make Subscriptions. */
    public static final String SANDBOX_SUBSCRIPTIONS = "openvisit.sandbox-subscriptions";

    private TestResources() {
    }
}
