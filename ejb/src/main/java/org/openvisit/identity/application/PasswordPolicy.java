package org.openvisit.identity.application;

import org.openvisit.identity.domain.model.InvalidAccountException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a portal password must be, after NIST SP 800-63B (5.1.1.2): at least {@value #MIN_LENGTH} characters (any
 * characters, no composition rules), at most {@value #MAX_LENGTH} so it hashes quickly, not the username, not one
 * short piece repeated or a run of consecutive characters ({@code aaaaaaaaaaaa}, {@code 123456789012}), and not a
 * common or leaked password with digits or symbols around it ({@code Password2024!}): the core is looked up in
 * {@code common-passwords.txt}, shipped with OpenVisit (its source is named in the file), and in words of this
 * service's own context.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 256;

    private static final Set<String> COMMON = load();
    private static final Set<String> CONTEXT = Set.of("openvisit", "open visit", "telehealth", "hospital", "clinic",
            "doctor", "patient", "visit", "welcome", "password", "changeme", "admin", "operator");

    private PasswordPolicy() {
    }

    public static void check(String username, String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            throw new InvalidAccountException("password", "The password must be at least " + MIN_LENGTH + " characters long.").worded("password.tooShort", MIN_LENGTH);
        }
        if (password.length() > MAX_LENGTH) {
            throw new InvalidAccountException("password", "The password must be at most " + MAX_LENGTH + " characters long.").worded("password.tooLong", MAX_LENGTH);
        }
        if (password.strip().equalsIgnoreCase(username == null ? "" : username.strip())) {
            throw new InvalidAccountException("password", "The password must not be the username.").worded("password.username");
        }
        if (repetitive(password) || sequential(password)) {
            throw new InvalidAccountException("password", "The password must not be one character or a short piece"
                    + " repeated, or a run of consecutive characters. A few unrelated words make a good password.")
                    .worded("password.repetitive");
        }
        String core = core(password);
        if (COMMON.contains(core) || CONTEXT.contains(core)
                || (username != null && core.equals(core(username)))) {
            throw new InvalidAccountException("password", "This password is one that many people use or that has"
                    + " leaked. Choose another: a few unrelated words make a long password that is easy to remember.")
                    .worded("password.common");
        }
    }

    /** Lower case, without the digits and symbols around it: "Password2024!" becomes "password". */
    static String core(String password) {
        String lower = password.strip().toLowerCase(Locale.ROOT);
        int start = 0;
        int end = lower.length();
        while (start < end && !Character.isLetter(lower.charAt(start))) {
            start++;
        }
        while (end > start && !Character.isLetter(lower.charAt(end - 1))) {
            end--;
        }
        return lower.substring(start, end);
    }

    /** One piece repeated: "aaaaaaaaaaaa", "abcabcabcabc", "123456123456". */
    static boolean repetitive(String password) {
        int n = password.length();
        for (int unit = 1; unit <= n / 2; unit++) {
            boolean repeats = true;
            for (int i = unit; i < n && repeats; i++) {
                repeats = password.charAt(i) == password.charAt(i - unit);
            }
            if (repeats) {
                return true;
            }
        }
        return false;
    }

    /** Each character the next (or previous) of the one before: "abcdefghijkl", "123456789012", "987654321098". */
    static boolean sequential(String password) {
        String p = password.toLowerCase(Locale.ROOT);
        for (int direction : new int[] {1, -1}) {
            boolean run = true;
            for (int i = 1; i < p.length() && run; i++) {
                run = next(p.charAt(i - 1), direction) == p.charAt(i);
            }
            if (run) {
                return true;
            }
        }
        return false;
    }

    private static char next(char c, int direction) {
        if (c >= '0' && c <= '9') {
            return (char) ('0' + Math.floorMod(c - '0' + direction, 10));
        }
        return (char) (c + direction);
    }

    private static Set<String> load() {
        Set<String> words = new HashSet<>();
        try (InputStream in = PasswordPolicy.class.getResourceAsStream("common-passwords.txt")) {
            if (in == null) {
                throw new IllegalStateException("common-passwords.txt is missing from the build");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String word = line.strip();
                if (!word.isEmpty() && !word.startsWith("#")) {
                    words.add(core(word).isEmpty() ? word : core(word));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(words);
    }
}
