package org.openvisit.tenant.interfaces.web;

import jakarta.faces.context.FacesContext;
import jakarta.servlet.http.HttpServletRequest;

import java.net.URI;

/** OpenVisit's address as this request reached it: scheme, host and port plus the context path. */
final class RequestOrigin {

    private RequestOrigin() {
    }

    static URI current() {
        return of((HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest());
    }

    static URI of(HttpServletRequest request) {
        return URI.create(request.getScheme() + "://" + request.getHeader("Host") + request.getContextPath());
    }
}
