package org.openvisit.identity.application;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openvisit.shared.domain.model.InvalidValueException;
import org.openvisit.tenant.domain.model.PortalUsername;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * On the first start (no account exists yet) creates the operator who signs in first. Its password
 * comes from {@code openvisit.admin.password} (OPENVISIT_ADMIN_PASSWORD); without one a random
 * password is generated and written once to {@value #PASSWORD_FILE} in the data folder (readable by the
 * server's user only); the log names the file, never the password. Nodes started at the same moment on a fresh
 * database race for it: one creates it, the others find it made and leave it be.
 */
@Singleton
@Startup
@DependsOn("OpenVisitDatabase")
// each call to the accounts service commits on its own, so that losing the race for the first account to another
// node is an exception caught here, not a failed commit after this start-up step
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class FirstOperator {

    private static final Logger LOG = Logger.getLogger(FirstOperator.class.getName());
    static final String PASSWORD_FILE = "first-operator-password.txt";
    /** Begins a log line that says why this node stops starting; server-config/start shows it and stops waiting. */
    static final String CANNOT_START = "OpenVisit cannot start: ";
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    @EJB
    private AccountService accounts;

    @Inject
    @ConfigProperty(name = "openvisit.admin.username", defaultValue = "admin")
    private String username;

    @Inject
    @ConfigProperty(name = "openvisit.data.dir", defaultValue = "./data")
    private String dataDir;

    @Inject
    @ConfigProperty(name = "openvisit.admin.password")
    private Optional<String> configuredPassword;

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // a lifecycle callback's own, as the class's
    void createWhenNoAccountExists() {
        if (accounts.anyAccountExists()) {
            return;
        }
        Optional<String> configured = configuredPassword.filter(p -> !p.isBlank());
        configured.ifPresent(this::refuseToStartWithout);
        String secret = configured.orElseGet(FirstOperator::generated);
        try {
            accounts.createFirstOperator(username, secret);
        } catch (RuntimeException e) {
            if (!accounts.anyAccountExists()) {
                throw e;
            }
            // nodes of one installation started at the same moment on a fresh database: the other node's account
            // won the unique user name; its password (configured, or in that node's data folder) is the one
            LOG.info("Another node of this installation created the first operator account at the same moment.");
            return;
        }
        if (configured.isPresent()) {
            LOG.info(() -> "Created the first operator account '" + username + "' with the configured password.");
        } else {
            // the only way into a fresh installation without configuration; kept out of the log
            Path file = writePasswordFile(secret);
            LOG.warning("Created the first operator account '" + username + "' with a generated password, written "
                    + "to " + file.toAbsolutePath() + " (readable by this server's user only). Sign in, change it "
                    + "and delete the file. Set OPENVISIT_ADMIN_PASSWORD before the first start to choose it yourself.");
        }
    }

    /**
     * A configured first account that the portal would refuse stops the start with the reason, in words hospital IT
     * can act on, before anything is stored (instead of a failed transaction deep in the deployment's log).
     */
    private void refuseToStartWithout(String password) {
        refuseToStartUnless(() -> new PortalUsername(username), "OPENVISIT_ADMIN_USERNAME (openvisit.admin.username)");
        refuseToStartUnless(() -> PasswordPolicy.check(username, password),
                "OPENVISIT_ADMIN_PASSWORD (openvisit.admin.password)");
    }

    private static void refuseToStartUnless(Runnable check, String setting) {
        try {
            check.run();
        } catch (InvalidValueException refused) { // the policy's words name no part of the password
            String reason = CANNOT_START + "the first operator account's " + setting + " is refused: "
                    + refused.getMessage() + " Change it and start again.";
            LOG.severe(reason);
            throw new IllegalStateException(reason, refused);
        }
    }

    private Path writePasswordFile(String secret) {
        Path file = Path.of(dataDir, PASSWORD_FILE);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.deleteIfExists(file); // a file left from an earlier installation of this folder
            Files.writeString(file, secret + System.lineSeparator(), StandardOpenOption.CREATE_NEW);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the folder's own permissions apply
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the first operator's password to " + file, e);
        }
    }

    private static String generated() {
        SecureRandom random = new SecureRandom();
        StringBuilder secret = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            secret.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return secret.toString();
    }
}
