package org.openvisit.tenant.application;

import java.io.Serializable;
import java.util.List;

/**
 * Which sites may show an endpoint's launch and visit pages in a frame, for its page and its
 * integration records.
 *
 * @param origins        the sites in force (the organization's list, or the default)
 * @param setByAdmin     whether the organization set the list; false: the default applies
 * @param defaultOrigins the default, the site of the endpoint's FHIR base URL
 */
public record EndpointFraming(List<String> origins, boolean setByAdmin, List<String> defaultOrigins)
        implements Serializable {

    public EndpointFraming {
        origins = List.copyOf(origins);
        defaultOrigins = List.copyOf(defaultOrigins);
    }
}
