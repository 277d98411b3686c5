package org.openvisit.report.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import org.openvisit.identity.domain.model.AccountRepository;
import org.openvisit.identity.domain.model.PortalAccount;
import org.openvisit.report.domain.model.ColumnChoice;
import org.openvisit.report.domain.model.ColumnChoiceRepository;
import org.openvisit.tenant.domain.model.Actor;
import org.openvisit.tenant.domain.model.PortalUsername;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The columns of the reports' visits table each portal account showed or hid, remembered per account in the global
 * store (the page and the account's exports follow them). An actor without a portal account of its own (a reports
 * token) has no choices.
 */
@Stateless
public class ReportColumnService {

    @Inject
    private AccountRepository accounts;

    @Inject
    private ColumnChoiceRepository choices;

    private final Clock clock = Clock.systemUTC();

    /** The actor's choices: column id to shown (true) or hidden (false); empty when none. */
    public Map<String, Boolean> choices(@NotNull Actor actor) {
        return account(actor).flatMap(a -> choices.find(a.id())).map(ColumnChoice::choices).orElse(Map.of());
    }

    /**
     * Remembers a column the actor showed or hid; nothing for an actor without a portal account.
     *
     * @return the actor's choices now
     * @throws org.openvisit.shared.domain.model.InvalidValueException not a column id
     */
    public Map<String, Boolean> choose(@NotNull Actor actor, @NotNull String column, boolean visible) {
        Optional<PortalAccount> account = account(actor);
        if (account.isEmpty()) {
            return Map.of();
        }
        ColumnChoice choice = choices.find(account.get().id()).orElse(null);
        if (choice == null) {
            choice = ColumnChoice.of(account.get().id(), clock.instant());
            choice.choose(column, visible, clock.instant());
            choices.add(choice);
        } else {
            choice.choose(column, visible, clock.instant());
        }
        return choice.choices();
    }

    private Optional<PortalAccount> account(Actor actor) {
        try {
            return accounts.findByUsername(new PortalUsername(actor.username()));
        } catch (org.openvisit.tenant.domain.model.InvalidEndpointException notAPortalName) {
            return Optional.empty();
        }
    }
}
