package org.openvisit.identity.interfaces.web;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.openvisit.identity.application.SecondFactorService;
import org.openvisit.identity.application.SignInThrottle;
import org.openvisit.shared.interfaces.web.PortalMessages;

import java.io.Serializable;
import java.util.List;

/**
 * The operators' screen of accounts locked after too many wrong passwords, each with an unlock; and the reset of
 * another account's second factor (a lost phone with lost recovery codes), audited like the unlock.
 */
@Named
@ViewScoped
public class SignInLocksScreen implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private transient SignInThrottle throttle;

    @EJB
    private transient SecondFactorService secondFactors;

    @Inject
    private CurrentUser currentUser;

    private String resetUsername;

    @Inject
    private IdentityText text;

    private List<String> locked;

    @PostConstruct
    void init() {
        locked = throttle.lockedAccounts();
    }

    public List<String> getLocked() {
        return locked;
    }

    public void unlock(String username) {
        if (!currentUser.isOperator()) {
            return; // the page is the operators' (web.xml); nothing to do for anyone else
        }
        throttle.unlock(username, currentUser.user().map(u -> u.username()).orElse("?"));
        PortalMessages.info(text.format("lockout.unlocked", username));
        locked = throttle.lockedAccounts();
    }

    public void resetSecondFactor() {
        String username = resetUsername == null ? "" : resetUsername.strip();
        resetUsername = null;
        if (!currentUser.isOperator() || username.isEmpty()) {
            return;
        }
        try {
            boolean had = secondFactors.reset(currentUser.actor(), username);
            PortalMessages.info(text.format(had ? "reset.done" : "reset.hadNone", username));
        } catch (RuntimeException refused) {
            Throwable cause = refused;
            while (cause instanceof jakarta.ejb.EJBException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof org.openvisit.shared.domain.model.InvalidValueException) {
                PortalMessages.error(text.format("reset.noSuchAccount", username));
            } else if (cause instanceof org.openvisit.shared.domain.model.ForbiddenException) {
                PortalMessages.error(text.get("reset.notYourOwn"));
            } else {
                PortalMessages.refused(refused);
            }
        }
    }

    public String getResetUsername() {
        return resetUsername;
    }

    public void setResetUsername(String resetUsername) {
        this.resetUsername = resetUsername;
    }
}
