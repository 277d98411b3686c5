package org.openvisit.identity.application;

/** What a password sign-in still needs: nothing, a code of the second factor, or setting one up first. */
public enum SecondStep {
    NONE,
    CODE,
    ENROL
}
