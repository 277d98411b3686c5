package org.openvisit.identity.application;

/**
 * The outcome of a typed second-factor code.
 *
 * @param accepted the code was right and had not been used
 * @param recoveryCode it was one of the recovery codes (now used up)
 * @param recoveryCodesLeft unused recovery codes after this one
 */
public record CodeCheck(boolean accepted, boolean recoveryCode, int recoveryCodesLeft) {

    static CodeCheck refused() {
        return new CodeCheck(false, false, 0);
    }
}
