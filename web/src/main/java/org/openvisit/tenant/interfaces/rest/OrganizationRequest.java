package org.openvisit.tenant.interfaces.rest;

import org.openvisit.shared.domain.model.InvalidValueException;
import org.openvisit.tenant.application.NewOrganization;
import org.openvisit.tenant.domain.model.DataRegion;
import org.openvisit.tenant.domain.model.EhrVendor;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The JSON body that registers an organization. Region and vendor arrive as text so that a wrong
 * value gets a message listing the accepted ones instead of a parser error.
 */
public record OrganizationRequest(String name, String dataRegion, String ehrVendor) {

    NewOrganization toCommand() {
        return new NewOrganization(name, parse(DataRegion.class, "dataRegion", dataRegion),
                parse(EhrVendor.class, "ehrVendor", ehrVendor));
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
        if (value == null || value.isBlank()) {
            return null; // Bean Validation on the command reports it as missing
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            String accepted = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
            throw new InvalidValueException(field, field + " must be one of " + accepted + ".");
        }
    }
}
