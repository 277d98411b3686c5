package org.openvisit.identity.application;

import java.security.SecureRandom;

/**
 * One-time passwords of a reset: four groups of five letters and digits that cannot be mistaken for one another when
 * read aloud or copied from a screen (no 0/o, 1/l/i), about 97 bits; always within the password policy.
 */
final class OneTimePasswords {

    static final String ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private OneTimePasswords() {
    }

    static String next(String username) {
        while (true) {
            StringBuilder password = new StringBuilder(23);
            for (int group = 0; group < 4; group++) {
                if (group > 0) {
                    password.append('-');
                }
                for (int i = 0; i < 5; i++) {
                    password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
                }
            }
            try {
                PasswordPolicy.check(username, password.toString());
                return password.toString();
            } catch (RuntimeException refused) {
                // a repetitive or listed draw is astronomically unlikely; draw again
            }
        }
    }
}
