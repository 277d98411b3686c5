package org.openvisit.shared.interfaces.web;

import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.PhaseEvent;
import jakarta.faces.event.PhaseId;
import jakarta.faces.event.PhaseListener;
import jakarta.servlet.http.HttpServletResponse;
import org.primefaces.context.PrimeFacesContext;

/**
 * Gives a portal page one Content-Security-Policy whose scripts are this server's files and the inline scripts
 * PrimeFaces writes with its per-view nonce ({@code primefaces.CSP} in web.xml). {@link SecurityHeaders} has set the
 * page's policy before the page was rendered, without a nonce; PrimeFaces adds a second header of its own
 * ({@code script-src 'self' 'nonce-…'}). Registered after PrimeFaces' listener (WEB-INF/faces-config.xml comes after
 * the libraries' ones), this replaces both with the page's policy plus the nonce, so that the browser, a scanner
 * and a person reading the headers see one policy.
 */
public class ScriptNonceHeader implements PhaseListener {

    private static final long serialVersionUID = 1L;
    static final String HEADER = "Content-Security-Policy";

    @Override
    public PhaseId getPhaseId() {
        return PhaseId.RENDER_RESPONSE;
    }

    @Override
    public void beforePhase(PhaseEvent event) {
        FacesContext context = event.getFacesContext();
        ExternalContext external = context.getExternalContext();
        if (context.getPartialViewContext().isAjaxRequest() || external.isResponseCommitted()
                || !(external.getResponse() instanceof HttpServletResponse response)) {
            return; // an Ajax update runs its scripts through PrimeFaces with the page's nonce; its headers do nothing
        }
        String pagePolicy = response.getHeader(HEADER);
        if (pagePolicy == null) {
            return;
        }
        String nonce = PrimeFacesContext.getCspState(context).getNonce();
        external.setResponseHeader(HEADER, PageHeaders.withScriptNonce(pagePolicy, nonce));
    }

    @Override
    public void afterPhase(PhaseEvent event) {
        // nothing after rendering: the headers are gone by then
    }
}
