package org.openvisit.identity.application;

/**
 * An account's second factor as its screen shows it (kept by the screen's view state, so serializable).
 *
 * @param available the account may have one (operators and organization administrators)
 * @param on it is set up
 * @param required the installation asks it of this account's role ({@code openvisit.sign-in.second-factor.required-for})
 * @param recoveryCodesLeft unused recovery codes
 */
public record SecondFactorStatus(boolean available, boolean on, boolean required, int recoveryCodesLeft)
        implements java.io.Serializable {
}
