package org.openvisit.notify.application;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import org.openvisit.notify.domain.model.InvalidPatientNumberException;
import org.openvisit.notify.domain.model.PatientMobile;
import org.openvisit.notify.domain.model.SmsKeyword;
import org.openvisit.shared.domain.model.ForbiddenException;
import org.openvisit.shared.domain.model.InvalidValueException;
import org.openvisit.tenant.domain.model.Actor;
import org.openvisit.tenant.domain.model.Role;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Inbound messages to one of the organization's numbers, as the carrier's webhook hands them over (for the built-in
 * carrier, an administrator or operator posts them, to try opt-out without a phone): STOP and its synonyms put the
 * sender's number on the organization's opt-out list (nothing more is sent to it), START takes it off, HELP gets
 * the help text; each gets one reply. Other messages change nothing.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SmsInboundService {

    private static final Logger LOG = Logger.getLogger(SmsInboundService.class.getName());

    @EJB
    private SmsInboundLookup lookup;

    @EJB
    private SmsSendWork work;

    @Inject
    private SmsPhones phones;

    @Inject
    private SmsTexts texts;

    private final Clock clock = Clock.systemUTC();

    /**
     * @throws InvalidValueException {@code to} is not an active number of the organization, or {@code from} is no
     *                               valid mobile number
     */
    public InboundView inbound(@NotNull Actor actor, @NotNull UUID organizationId, String from, String to,
                               String text) {
        if (!actor.hasRole(Role.OPERATOR) && !actor.hasRoleIn(Role.ORG_ADMIN, organizationId)) {
            throw new ForbiddenException("Only an operator or an administrator (ORG_ADMIN) of the organization may "
                    + "hand over its inbound messages.");
        }
        SmsInboundLookup.Receiver receiver = lookup.receiver(organizationId, to).orElseThrow(() ->
                new InvalidValueException("to", "This is not an active number of the organization."));
        return handle(organizationId, receiver, from, text);
    }

    /**
     * An inbound message as the carrier's signed webhook hands it over (no person signs in): the organization is the
     * one whose active number received it; a message to a number no organization holds changes nothing.
     *
     * @throws InvalidValueException {@code from} is no valid mobile number
     */
    public InboundView fromCarrier(String from, String to, String text) {
        Optional<UUID> organizationId = lookup.organizationOf(to);
        Optional<SmsInboundLookup.Receiver> receiver = organizationId.flatMap(o -> lookup.receiver(o, to));
        if (receiver.isEmpty()) {
            return new InboundView(null, null);
        }
        return handle(organizationId.get(), receiver.get(), from, text);
    }

    private InboundView handle(UUID organizationId, SmsInboundLookup.Receiver receiver, String from, String text) {
        PatientMobile sender;
        try {
            sender = PatientMobile.parse(from, "US");
        } catch (InvalidPatientNumberException e) {
            throw new InvalidValueException("from", e.getMessage());
        }
        Optional<SmsKeyword> keyword = SmsKeyword.of(text);
        if (keyword.isEmpty()) {
            return new InboundView(null, null);
        }
        phones.warm();
        String reply = texts.reply(keyword.get().name(), receiver.language(), receiver.ownReply(keyword.get()),
                receiver.organizationName());
        work.inbound(receiver.region(), organizationId, phones.hash(organizationId, sender), keyword.get(),
                new OutgoingSms(receiver.region(), organizationId, null, receiver.number(), sender.e164(), reply),
                clock.instant());
        LOG.info(() -> "SMS " + keyword.get() + " from " + sender.masked() + " for organization " + organizationId);
        return new InboundView(keyword.get(), reply);
    }
}
