package org.openvisit.identity.interfaces.web;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import org.openvisit.identity.application.CodeCheck;
import org.openvisit.identity.application.SecondFactorService;
import org.openvisit.identity.application.SignInThrottle;
import org.openvisit.shared.interfaces.web.PortalMessages;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * The second step of a sign-in with a second factor: the code of the authenticator app, or a recovery code. A wrong
 * code counts as a failed sign-in of the account and the address ({@link SignInThrottle}), so guessing codes waits and
 * locks like guessing passwords; while the account must wait, no code is checked.
 */
@Named
@RequestScoped
public class SignInCodeView {

    static final String PAGE = "/sign-in-code.xhtml";
    static final String CHANNEL = "portal (second factor)";

    @EJB
    private SecondFactorService secondFactors;

    @EJB
    private SignInThrottle throttle;

    @Inject
    private FacesContext faces;

    @Inject
    private IdentityText text;

    private String code;
    private String recoveryCode;

    /** Whether a sign-in is waiting for its code in this browser (otherwise the page says to start again). */
    public boolean isPending() {
        return pending().isPresent();
    }

    public void submitCode() throws IOException {
        check(code);
    }

    public void submitRecoveryCode() throws IOException {
        check(recoveryCode);
    }

    private void check(String typed) throws IOException {
        code = null;
        recoveryCode = null;
        Optional<PendingSignIn> pending = pending().filter(p -> !p.mustEnrol());
        if (pending.isEmpty()) {
            PortalMessages.error(text.get("code.expired"));
            return;
        }
        String username = pending.get().username();
        String address = request().getRemoteAddr();
        Optional<Duration> wait = throttle.mustWait(username, address, CHANNEL);
        if (wait.isPresent()) {
            PortalMessages.error(text.format("code.mustWait", Math.max(1, wait.get().toSeconds() + 1)));
            return;
        }
        CodeCheck result;
        try {
            result = secondFactors.check(username, typed);
        } catch (EJBException concurrentUseOfTheSameCode) {
            result = new CodeCheck(false, false, 0); // two requests raced for one step: the later one loses
        }
        if (!result.accepted()) {
            throttle.failed(username, address, CHANNEL);
            PortalMessages.error(text.get("code.wrong"));
            return;
        }
        throttle.succeeded(username, address, CHANNEL);
        PendingSignIn.complete(request(), username);
        ExternalContext external = faces.getExternalContext();
        // after a recovery code, the second factor's page says how many are left and offers a new authenticator
        external.redirect(external.getRequestContextPath() + (result.recoveryCode()
                ? SecondFactorScreen.PAGE + "?recovered=" + result.recoveryCodesLeft()
                : pending.get().next()));
        faces.responseComplete();
    }

    private Optional<PendingSignIn> pending() {
        return PendingSignIn.of(request());
    }

    private HttpServletRequest request() {
        return (HttpServletRequest) faces.getExternalContext().getRequest();
    }

    public String getCode() {
        return code;
    }

    public void setCode(String code) {
        this.code = code;
    }

    public String getRecoveryCode() {
        return recoveryCode;
    }

    public void setRecoveryCode(String recoveryCode) {
        this.recoveryCode = recoveryCode;
    }
}
