package org.openvisit.ehr.fhir;

import java.net.UnknownHostException;

/**
 * A connection was not opened because the EHR's host name resolved to an address the installation's outbound
 * address policy refuses (e.g. it now points at this server or an internal network). An {@code IOException}, so
 * that the HTTP client reports it as a failed connection; callers find it in the cause chain.
 */
public class OutboundAddressRefusedException extends UnknownHostException {

    private static final long serialVersionUID = 1L;

    public OutboundAddressRefusedException(String message) {
        super(message);
    }
}
