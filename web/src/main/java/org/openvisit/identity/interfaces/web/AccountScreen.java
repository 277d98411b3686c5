package org.openvisit.identity.interfaces.web;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.openvisit.identity.application.AccountService;
import org.openvisit.identity.infrastructure.oidc.OidcClient;
import org.openvisit.shared.domain.model.InvalidValueException;
import org.openvisit.shared.interfaces.web.PortalMessages;

import java.io.Serializable;

/**
 * "My account": the signed-in user changes their own password. With the organization's identity
 * provider (OIDC) the password lives there, and the screen says so.
 */
@Named
@ViewScoped
public class AccountScreen implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private AccountService accounts;

    @Inject
    private OidcClient oidc;

    @Inject
    private CurrentUser currentUser;

    @Inject
    private IdentityText text;

    private String currentPassword;
    private String newPassword;
    private String repeatedPassword;

    @EJB
    private org.openvisit.identity.application.SecondFactorService secondFactors;

    private transient org.openvisit.identity.application.SecondFactorStatus secondFactor;

    /** Operators and organization administrators with built-in sign-in may have a second factor. */
    public boolean isSecondFactorAvailable() {
        return isPasswordHere() && secondFactor().available();
    }

    public boolean isSecondFactorOn() {
        return secondFactor().on();
    }

    private org.openvisit.identity.application.SecondFactorStatus secondFactor() {
        if (secondFactor == null) {
            secondFactor = secondFactors.status(currentUser.actor().username());
        }
        return secondFactor;
    }

    public boolean isPasswordHere() {
        return !oidc.settings().oidc();
    }

    public void changePassword() {
        try {
            if (newPassword == null || !newPassword.equals(repeatedPassword)) {
                throw new InvalidValueException("repeatedPassword", text.get("account.notSame"));
            }
            accounts.changeOwnPassword(currentUser.actor(), currentPassword, newPassword);
            PortalMessages.info(text.get("account.changed"));
        } catch (RuntimeException refused) {
            PortalMessages.refused(refused);
        } finally {
            currentPassword = null;
            newPassword = null;
            repeatedPassword = null;
        }
    }

    public String getCurrentPassword() {
        return currentPassword;
    }

    public void setCurrentPassword(String currentPassword) {
        this.currentPassword = currentPassword;
    }

    public String getNewPassword() {
        return newPassword;
    }

    public void setNewPassword(String newPassword) {
        this.newPassword = newPassword;
    }

    public String getRepeatedPassword() {
        return repeatedPassword;
    }

    public void setRepeatedPassword(String repeatedPassword) {
        this.repeatedPassword = repeatedPassword;
    }
}
