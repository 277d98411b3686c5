package org.openvisit.notify.application;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.openvisit.notify.domain.model.SmsConsent;
import org.openvisit.notify.domain.model.SmsConsentRepository;
import org.openvisit.notify.domain.model.SmsNumber;
import org.openvisit.notify.domain.model.SmsNumberRepository;
import org.openvisit.notify.domain.model.SmsNumberStatus;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The provisioning job's database steps, each its own short transaction, so that no transaction is open while a
 * carrier is called: what to do next for a number, then what came of it. A step that finds the number moved on
 * meanwhile (another node did it, or an administrator released it) changes nothing.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class ProvisioningSteps {

    /** What the job does next for a number: start it with the carrier, or ask the carrier how its job stands. */
    public record Work(UUID numberId, SmsNumberStatus status, long version, NumberRequest request, String carrierJob) {
    }

    @Inject
    private SmsNumberRepository numbers;

    @Inject
    private SmsConsentRepository consents;

    private final Clock clock = Clock.systemUTC();

    /** The numbers whose provisioning has work to do, oldest first. */
    public List<UUID> unfinished(int max) {
        return numbers.findUnfinished(max);
    }

    /**
     * The next step for a number, if it has one. A REQUESTED number whose organization withdrew a consent meanwhile
     * fails here without the carrier ever being asked.
     */
    public Optional<Work> next(UUID numberId) {
        Optional<SmsNumber> found = numbers.find(numberId).filter(n -> n.status().isUnfinished());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        SmsNumber n = found.get();
        if (n.status() == SmsNumberStatus.REQUESTED
                && !consents.find(n.organizationId()).map(SmsConsent::bothGiven).orElse(false)) {
            n.fail("A consent was withdrawn before the carrier was asked. Give both consents again, then Retry.",
                    clock.instant());
            return Optional.empty();
        }
        return Optional.of(new Work(n.id(), n.status(), n.version(),
                new NumberRequest(n.id(), n.country(), n.areaCode().orElse(null), n.attempts()),
                n.carrierJob().orElse(null)));
    }

    /** The carrier took the request: IN_PROGRESS with its job reference (unless the number moved on). */
    public boolean started(Work work, String carrierJob) {
        return current(work).map(n -> {
            n.start(carrierJob, clock.instant());
            return true;
        }).orElse(false);
    }

    /** What the carrier said of its job (unless the number moved on). */
    public boolean progressed(Work work, ProvisioningProgress progress) {
        Optional<SmsNumber> current = current(work);
        if (current.isEmpty() || progress instanceof ProvisioningProgress.InProgress) {
            return false;
        }
        if (progress instanceof ProvisioningProgress.Done done) {
            current.get().activate(done.number(), clock.instant());
        } else if (progress instanceof ProvisioningProgress.Failed failed) {
            current.get().fail(failed.reason(), clock.instant());
        }
        return true;
    }

    private Optional<SmsNumber> current(Work work) {
        return numbers.find(work.numberId())
                .filter(n -> n.version() == work.version() && n.status() == work.status());
    }
}
