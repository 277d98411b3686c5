package org.openvisit.notify.interfaces.rest;

import jakarta.ws.rs.NotFoundException;
import org.openvisit.notify.application.SmsNumberNotFoundException;
import org.openvisit.shared.domain.model.InvalidValueException;

import java.util.UUID;

/** The ids in the SMS resources' paths, read once for all of them: a malformed one is refused as its kind is. */
final class SmsPathIds {

    private SmsPathIds() {
    }

    /** An organization's id; malformed, it names no organization (404, as an unknown one). */
    static UUID organization(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("There is no organization with this id.");
        }
    }

    /** An endpoint's id; malformed, a bad value (400). */
    static UUID endpoint(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("endpointId", "This is not an endpoint id.");
        }
    }

    /** A phone number's id; malformed, it names no number (404). */
    static UUID number(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new SmsNumberNotFoundException();
        }
    }
}
