package org.openvisit.shared.interfaces.web;

import jakarta.ejb.EJBException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.validation.ConstraintViolationException;
import org.openvisit.shared.domain.model.ConflictException;
import org.openvisit.shared.domain.model.InvalidValueException;

import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Shows the outcome of a service call on the current page, never a stack trace. */
public final class PortalMessages {

    private static final Logger LOG = Logger.getLogger(PortalMessages.class.getName());

    private PortalMessages() {
    }

    public static void info(String summary) {
        add(FacesMessage.SEVERITY_INFO, summary);
    }

    public static void error(String summary) {
        add(FacesMessage.SEVERITY_ERROR, summary);
    }

    /** Turns a refused service call into an error message on the page. */
    public static void refused(RuntimeException failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof InvalidValueException || cause instanceof ConflictException
                || cause instanceof org.openvisit.shared.domain.model.ForbiddenException) {
            add(FacesMessage.SEVERITY_ERROR, RefusalTexts.of(cause, texts()));
        } else if (cause instanceof org.openvisit.tenant.application.EndpointNotFoundException) {
            add(FacesMessage.SEVERITY_ERROR, texts().get("refused.endpointNotFound"));
        } else if (cause instanceof ConstraintViolationException violations) {
            LocalizedTexts texts = texts();
            violations.getConstraintViolations().forEach(v -> add(FacesMessage.SEVERITY_ERROR, RefusalTexts.of(v, texts)));
        } else {
            String incident = UUID.randomUUID().toString();
            LOG.log(Level.SEVERE, "Incident " + incident + " in the portal", failure);
            add(FacesMessage.SEVERITY_FATAL, texts().format("refused.incident", incident));
        }
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while (current instanceof EJBException && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static BundleTexts texts() {
        Object request = FacesContext.getCurrentInstance().getExternalContext().getRequest();
        return BundleTexts.of(SharedText.BUNDLE, BrowserLanguage.of((jakarta.servlet.http.HttpServletRequest) request));
    }

    private static void add(FacesMessage.Severity severity, String summary) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(severity, summary, null));
    }
}
