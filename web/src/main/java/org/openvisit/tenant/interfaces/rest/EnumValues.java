package org.openvisit.tenant.interfaces.rest;

import org.openvisit.shared.domain.model.InvalidValueException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Enum values as request bodies send them: any case, blank meaning none, a wrong one answered with the accepted ones. */
final class EnumValues {

    private EnumValues() {
    }

    static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
        if (value == null || value.isBlank()) {
            return null; // the model reports it as missing, with its own message
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            String accepted = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
            throw new InvalidValueException(field, field + " must be one of " + accepted + ".");
        }
    }
}
