package org.openvisit.identity.application;

import java.util.List;

/** One page of an organization's portal accounts and how many it has in all. */
public record AccountPage(List<AccountSummary> items, long total, int first, int max) {

    public AccountPage {
        items = List.copyOf(items);
    }
}
