package org.openvisit.identity.application;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * On the first start (no account exists yet) creates the operator who signs in first. Its password
 * comes from {@code openvisit.admin.password} (OPENVISIT_ADMIN_PASSWORD); without one a random
 * password is generated and written to the log this once, the only way to learn it.
 */
@Singleton
@Startup
@DependsOn("OpenVisitDatabase")
public class FirstOperator {

    private static final Logger LOG = Logger.getLogger(FirstOperator.class.getName());
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    @EJB
    private AccountService accounts;

    @Inject
    @ConfigProperty(name = "openvisit.admin.username", defaultValue = "admin")
    private String username;

    @Inject
    @ConfigProperty(name = "openvisit.admin.password")
    private Optional<String> configuredPassword;

    @PostConstruct
    void createWhenNoAccountExists() {
        if (accounts.anyAccountExists()) {
            return;
        }
        Optional<String> configured = configuredPassword.filter(p -> !p.isBlank());
        String secret = configured.orElseGet(FirstOperator::generated);
        accounts.createFirstOperator(username, secret);
        if (configured.isPresent()) {
            LOG.info(() -> "Created the first operator account '" + username + "' with the configured password.");
        } else {
            // Shown once, on purpose: it is the only way into a fresh installation without configuration.
            LOG.warning("Created the first operator account '" + username + "' with the generated password "
                    + secret + " . Sign in and create your own accounts; this password is not shown again. "
                    + "Set OPENVISIT_ADMIN_PASSWORD before the first start to choose it yourself.");
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
