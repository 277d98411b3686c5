package org.openvisit.identity.application;

/**
 * A second factor being set up, not yet on: the secret sealed (what the screen keeps until the person confirms with a
 * code), and the same secret for the authenticator app as an {@code otpauth://} URI (for the QR code) and in groups of
 * four characters (to type by hand).
 */
public record NewSecondFactor(String sealedSecret, String otpauthUri, String groupedSecret) {

    @Override
    public String toString() {
        return "NewSecondFactor[secret hidden]";
    }
}
