package org.openvisit.identity.interfaces.web;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.openvisit.identity.application.SignInThrottle;
import org.openvisit.shared.interfaces.web.PortalMessages;

import java.io.Serializable;
import java.util.List;

/** The operators' screen of accounts locked after too many wrong passwords, each with an unlock. */
@Named
@ViewScoped
public class SignInLocksScreen implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private transient SignInThrottle throttle;

    @Inject
    private CurrentUser currentUser;

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
}
