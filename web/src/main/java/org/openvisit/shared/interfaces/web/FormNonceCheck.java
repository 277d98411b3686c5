package org.openvisit.shared.interfaces.web;

import jakarta.faces.context.FacesContext;
import jakarta.faces.event.PhaseEvent;
import jakarta.faces.event.PhaseId;
import jakarta.faces.event.PhaseListener;
import org.primefaces.context.PrimeFacesContext;

/**
 * Checks a portal form post's script nonce ({@code primefaces.nonce}, which PrimeFaces' script adds to every JSF form
 * of the page) as soon as the view is restored, before any value is applied or any button's action runs. PrimeFaces
 * itself checks it only when the answer is rendered, after the action. A post without its page's nonce (not sent by
 * our page) thus changes nothing and gets the expired page ({@link ErrorPages}).
 */
public class FormNonceCheck implements PhaseListener {

    private static final long serialVersionUID = 1L;

    @Override
    public PhaseId getPhaseId() {
        return PhaseId.RESTORE_VIEW;
    }

    @Override
    public void beforePhase(PhaseEvent event) {
        // the view is not there yet
    }

    @Override
    public void afterPhase(PhaseEvent event) {
        FacesContext context = event.getFacesContext();
        if (context.isPostback() && context.getViewRoot() != null) {
            PrimeFacesContext.getCspState(context).getNonce(); // throws CspException for a missing or another nonce
        }
    }
}
