package org.openvisit.visit.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.openvisit.shared.domain.model.InvalidValueException;
import org.openvisit.tenant.domain.model.Organization;
import org.openvisit.visit.domain.model.MeetingRef;
import org.openvisit.visit.domain.model.Visit;

import java.util.List;
import java.util.Optional;

/**
 * The installation's meeting platforms, by name: every {@link MeetingPlatform} bean (the built-in rooms
 * and Microsoft Teams). Organizations choose one for their new visits; a visit keeps the
 * platform it was made on.
 */
@ApplicationScoped
public class MeetingPlatforms {

    @Inject
    @Any
    private Instance<MeetingPlatform> all;

    /** The names organizations may choose from. */
    public List<String> names() {
        return all.stream().map(MeetingPlatform::name).sorted().toList();
    }

    /**
     * The platform called {@code name}.
     *
     * @throws InvalidValueException no such platform in this installation
     */
    public MeetingPlatform named(String name) {
        return find(name).orElseThrow(() -> new InvalidValueException("meetingPlatform", "There is no meeting "
                + "platform called " + name + " in this installation; choose one of " + names() + ".")
                .worded("meetingPlatform.unknown", name, String.join(", ", names())));
    }

    /** The platform the visit's meeting is on (the organization's choice when it was made). */
    public MeetingPlatform of(Visit visit) {
        return named(visit.meeting().map(MeetingRef::platform).orElse(Organization.DEFAULT_MEETING_PLATFORM));
    }

    private Optional<MeetingPlatform> find(String name) {
        return all.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
