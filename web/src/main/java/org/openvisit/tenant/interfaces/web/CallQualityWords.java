package org.openvisit.tenant.interfaces.web;

import java.util.function.BiFunction;
import java.util.function.Function;
import org.openvisit.tenant.application.CallSubscriptionView;

/**
 * The state of an organization's subscription to its Teams call records in the viewer's words (the Teams page and
 * its API say the same): not made yet, active until when, or what went wrong ({@code teams.failure.<kind>}, e.g. the
 * missing CallRecords.Read.All permission).
 */
public final class CallQualityWords {

    private CallQualityWords() {
    }

    /**
     * @param get    a text of the tenant bundle in the viewer's language
     * @param format a pattern of that bundle, formatted
     */
    public static String of(CallSubscriptionView state, Function<String, String> get,
                            BiFunction<String, Object[], String> format) {
        if (state == null || state.checkedAt() == null) {
            return get.apply("teams.calls.pending");
        }
        if (state.failure() != null) {
            return get.apply("teams.calls.failed") + " " + get.apply("teams.failure." + state.failure());
        }
        if (!state.active()) {
            return get.apply("teams.calls.pending"); // being made just now
        }
        return format.apply("teams.calls.active", new Object[]{ state.expiresAt() == null ? ""
                : state.expiresAt().toString().substring(0, 16).replace('T', ' ') + " UTC"});
    }
}
