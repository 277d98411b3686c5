package org.openvisit.identity.interfaces.web;

import jakarta.ejb.EJB;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import org.openvisit.identity.application.NewSecondFactor;
import org.openvisit.identity.application.SecondFactorService;
import org.openvisit.identity.application.SecondFactorStatus;
import org.openvisit.identity.application.SignInThrottle;
import org.openvisit.identity.application.SignedInUser;
import org.openvisit.shared.domain.model.InvalidValueException;
import org.openvisit.shared.interfaces.web.PortalMessages;

import java.io.IOException;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The second factor's screen ({@code /second-factor.xhtml}): a signed-in operator or organization administrator sets
 * up an authenticator app (QR code or the key in groups of four, then a current code), sees the recovery codes once,
 * or turns it off with a current code or the password. Where the installation requires a second factor, a sign-in
 * whose password was right comes here first ({@link PendingSignIn#mustEnrol()}) and is completed by the set-up.
 */
@Named
@ViewScoped
public class SecondFactorScreen implements Serializable {

    private static final long serialVersionUID = 1L;
    static final String PAGE = "/second-factor.xhtml";

    @EJB
    private transient SecondFactorService secondFactors;

    @EJB
    private transient SignInThrottle throttle;

    @Inject
    private CurrentUser currentUser;

    @Inject
    private IdentityText text;

    private String username;
    /** Signed in only by the password so far: the set-up completes the sign-in. */
    private boolean enrolmentSignIn;
    private String next;
    private SecondFactorStatus status;

    private String sealedSecret;
    private String otpauthUri;
    private String groupedSecret;
    private String qrCode;

    private String code;
    private String proof;
    private List<String> recoveryCodes = List.of();
    private Integer recovered;

    /** Who this is for; nobody (a browser neither signed in nor half-way) goes to the sign-in. */
    public void load() throws IOException {
        if (username != null) {
            return; // a post-back of this view
        }
        Optional<String> signedIn = currentUser.user().map(SignedInUser::username);
        if (signedIn.isPresent()) {
            username = signedIn.get();
        } else {
            Optional<PendingSignIn> pending = PendingSignIn.of(request()).filter(PendingSignIn::mustEnrol);
            if (pending.isEmpty()) {
                ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
                external.redirect(external.getRequestContextPath() + PortalAuthenticationMechanism.SIGN_IN_PAGE
                        + "?next=" + PAGE);
                FacesContext.getCurrentInstance().responseComplete();
                return;
            }
            username = pending.get().username();
            enrolmentSignIn = true;
            next = pending.get().next();
        }
        status = secondFactors.status(username);
        String recoveredParameter = FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap()
                .get("recovered");
        if (recoveredParameter != null && recoveredParameter.matches("\\d{1,2}") && status.on()) {
            recovered = Integer.valueOf(recoveredParameter);
        }
    }

    public void begin() {
        if (username == null || status == null || !status.available()) {
            return;
        }
        if (enrolmentSignIn && PendingSignIn.of(request()).isEmpty()) {
            PortalMessages.error(text.get("code.expired"));
            return;
        }
        try {
            NewSecondFactor started = secondFactors.begin(username);
            sealedSecret = started.sealedSecret();
            otpauthUri = started.otpauthUri();
            groupedSecret = started.groupedSecret();
            qrCode = QrCodeSvg.dataUri(otpauthUri);
        } catch (RuntimeException refused) {
            PortalMessages.refused(refused);
        }
    }

    public void confirm() {
        String typed = code;
        code = null;
        if (sealedSecret == null) {
            return;
        }
        if (enrolmentSignIn && PendingSignIn.of(request()).isEmpty()) {
            PortalMessages.error(text.get("code.expired"));
            return;
        }
        try {
            recoveryCodes = secondFactors.confirm(username, sealedSecret, typed);
        } catch (RuntimeException refused) {
            if (unwrap(refused) instanceof InvalidValueException) {
                PortalMessages.error(text.get("secondFactor.wrongCode"));
            } else {
                PortalMessages.refused(refused);
            }
            return;
        }
        sealedSecret = null;
        otpauthUri = null;
        groupedSecret = null;
        qrCode = null;
        status = secondFactors.status(username);
        if (enrolmentSignIn) {
            throttle.succeeded(username, request().getRemoteAddr(), "portal (second factor set up)");
            PendingSignIn.complete(request(), username);
            enrolmentSignIn = false;
        }
        PortalMessages.info(text.get("secondFactor.turnedOn"));
    }

    public void turnOff() {
        String typed = proof;
        proof = null;
        if (username == null || enrolmentSignIn || status == null || !status.on()) {
            return;
        }
        String address = request().getRemoteAddr();
        Optional<Duration> wait = throttle.mustWait(username, address, "portal (turn off second factor)");
        if (wait.isPresent()) {
            PortalMessages.error(text.format("code.mustWait", Math.max(1, wait.get().toSeconds() + 1)));
            return;
        }
        boolean off;
        try {
            off = secondFactors.turnOff(username, typed);
        } catch (jakarta.ejb.EJBException raced) {
            off = false;
        }
        if (!off) {
            throttle.failed(username, address, "portal (turn off second factor)");
            PortalMessages.error(text.get("secondFactor.notProven"));
            return;
        }
        recoveryCodes = List.of();
        recovered = null;
        status = secondFactors.status(username);
        PortalMessages.info(text.get("secondFactor.turnedOff"));
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while (current instanceof jakarta.ejb.EJBException && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static HttpServletRequest request() {
        return (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest();
    }

    /** Where "Continue" leads once the recovery codes are noted. */
    public String getContinueUrl() {
        return FacesContext.getCurrentInstance().getExternalContext().getRequestContextPath()
                + (next != null ? next : "/account.xhtml");
    }

    public boolean isKnown() {
        return status != null;
    }

    public boolean isAvailable() {
        return status != null && status.available();
    }

    public boolean isOn() {
        return status != null && status.on();
    }

    public boolean isRequired() {
        return status != null && status.required();
    }

    public int getRecoveryCodesLeft() {
        return status == null ? 0 : status.recoveryCodesLeft();
    }

    public boolean isEnrolmentSignIn() {
        return enrolmentSignIn;
    }

    public boolean isSettingUp() {
        return sealedSecret != null;
    }

    public String getOtpauthUri() {
        return otpauthUri;
    }

    public String getGroupedSecret() {
        return groupedSecret;
    }

    public String getQrCode() {
        return qrCode;
    }

    public List<String> getRecoveryCodes() {
        return recoveryCodes;
    }

    public Integer getRecovered() {
        return recovered;
    }

    public String getCode() {
        return code;
    }

    public void setCode(String code) {
        this.code = code;
    }

    public String getProof() {
        return proof;
    }

    public void setProof(String proof) {
        this.proof = proof;
    }
}
