package org.openvisit.room.domain.model;

import org.junit.jupiter.api.Test;
import org.openvisit.visit.domain.model.AttendeeRole;
import org.openvisit.visit.domain.model.VisitEventType;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RoomTest {

    private final Room room = new Room(UUID.randomUUID());

    private static List<VisitEventType> types(List<RoomChange> changes) {
        return changes.stream().map(RoomChange::type).toList();
    }

    private String refusal(Runnable action) {
        return catchThrowableOfType(action::run, RoomRefusedException.class).reasonCode();
    }

    private AttendeeState state(String id) {
        return room.attendee(id).orElseThrow().state();
    }

    private void clinicianPresent() {
        assertThat(room.connect("doc", AttendeeRole.PROVIDER, "s-doc")).isEmpty();
        assertThat(state("doc")).isEqualTo(AttendeeState.ADMITTED);
    }

    @Test
    void aPatientWaitsIsAdmittedEntersTheCallAndLeaves() {
        clinicianPresent();
        assertThat(types(room.connect("pat", AttendeeRole.PATIENT, "s1"))).containsExactly(VisitEventType.LOBBY_JOINED);
        assertThat(state("pat")).isEqualTo(AttendeeState.WAITING);

        assertThat(types(room.admit("doc", "pat"))).containsExactly(VisitEventType.ADMITTED);
        assertThat(state("pat")).isEqualTo(AttendeeState.ADMITTED);
        assertThat(types(room.joinCall("pat"))).containsExactly(VisitEventType.CONNECTED);
        assertThat(types(room.joinCall("doc"))).containsExactly(VisitEventType.CONNECTED);
        assertThat(room.inCall()).hasSize(2);
        room.checkRelay("pat", "doc");

        assertThat(types(room.leave("pat"))).containsExactly(VisitEventType.LEFT);
        assertThat(state("pat")).isEqualTo(AttendeeState.LEFT);
        assertThat(types(room.leave("doc"))).containsExactly(VisitEventType.LEFT);
        assertThat(state("doc")).isEqualTo(AttendeeState.ADMITTED); // the visit page stays open
    }

    @Test
    void aClosedTabDisconnectsAndAReloadComesBackWithoutReAdmission() {
        clinicianPresent();
        room.connect("pat", AttendeeRole.PATIENT, "s1");
        room.admit("doc", "pat");
        room.joinCall("pat");

        // reload: the new page's socket opens before the old one closes
        assertThat(room.connect("pat", AttendeeRole.PATIENT, "s2")).isEmpty();
        assertThat(room.disconnect("pat", "s1")).isEmpty();
        assertThat(state("pat")).isEqualTo(AttendeeState.ADMITTED);
        assertThat(types(room.joinCall("pat"))).containsExactly(VisitEventType.CONNECTED);

        assertThat(types(room.disconnect("pat", "s2"))).containsExactly(VisitEventType.DISCONNECTED);
        assertThat(state("pat")).isEqualTo(AttendeeState.LEFT);
        assertThat(room.connect("pat", AttendeeRole.PATIENT, "s3")).isEmpty();
        assertThat(state("pat")).isEqualTo(AttendeeState.ADMITTED);
    }

    @Test
    void aPatientWhoWasNeverAdmittedWaitsAgainAfterComingBack() {
        room.connect("pat", AttendeeRole.PATIENT, "s1");
        assertThat(types(room.disconnect("pat", "s1"))).containsExactly(VisitEventType.DISCONNECTED);
        assertThat(types(room.connect("pat", AttendeeRole.PATIENT, "s2"))).containsExactly(VisitEventType.LOBBY_JOINED);
        assertThat(state("pat")).isEqualTo(AttendeeState.WAITING);
    }

    @Test
    void patientsAndGuestsCannotAdmitRemoveOrEnd() {
        clinicianPresent();
        room.connect("pat", AttendeeRole.PATIENT, "s1");
        room.connect("guest", AttendeeRole.GUEST, "s2");
        assertThat(refusal(() -> room.admit("pat", "guest"))).isEqualTo("FORBIDDEN");
        assertThat(refusal(() -> room.admitAll("guest"))).isEqualTo("FORBIDDEN");
        assertThat(refusal(() -> room.remove("pat", "guest"))).isEqualTo("FORBIDDEN");
        assertThat(refusal(() -> room.end("pat"))).isEqualTo("FORBIDDEN");
        assertThat(state("guest")).isEqualTo(AttendeeState.WAITING);
        assertThat(room.ended()).isFalse();
    }

    @Test
    void onlyAdmittedPeopleInTheCallSignalAndAWaitingPatientCannotJoin() {
        clinicianPresent();
        room.connect("pat", AttendeeRole.PATIENT, "s1");
        assertThat(refusal(() -> room.joinCall("pat"))).isEqualTo("NOT_ADMITTED");
        room.joinCall("doc");
        assertThat(refusal(() -> room.checkRelay("pat", "doc"))).isEqualTo("NOT_IN_CALL");
        assertThat(refusal(() -> room.checkRelay("doc", "pat"))).isEqualTo("NOT_IN_CALL");
        assertThat(refusal(() -> room.checkRelay("stranger", "doc"))).isEqualTo("NOT_IN_ROOM");
    }

    @Test
    void admitAllLetsEveryoneWaitingInAndTheCallHoldsFour() {
        clinicianPresent();
        for (int i = 0; i < 5; i++) {
            room.connect("g" + i, AttendeeRole.GUEST, "s" + i);
        }
        assertThat(types(room.admitAll("doc"))).hasSize(5).containsOnly(VisitEventType.ADMITTED);
        room.joinCall("doc");
        room.joinCall("g0");
        room.joinCall("g1");
        room.joinCall("g2");
        assertThat(refusal(() -> room.joinCall("g3"))).isEqualTo("CALL_FULL");
        assertThat(state("g3")).isEqualTo(AttendeeState.ADMITTED);
    }

    @Test
    void aRoomMovedToTheSfuHoldsItsLimitAndStaysThere() {
        clinicianPresent();
        for (int i = 0; i < 7; i++) {
            room.connect("g" + i, AttendeeRole.GUEST, "s" + i);
        }
        room.admit("doc", "g0");
        room.admit("doc", "g1");
        room.leave("g1");
        assertThat(room.admittedPresent()).containsExactly("doc", "g0");
        room.admitAll("doc");
        assertThat(room.onSfu()).isFalse();
        assertThat(room.moveToSfu(6)).containsExactly("doc", "g0", "g2", "g3", "g4", "g5", "g6");
        assertThat(room.onSfu()).isTrue();
        for (String id : List.of("doc", "g0", "g2", "g3", "g4", "g5")) {
            assertThat(types(room.joinCall(id))).containsExactly(VisitEventType.CONNECTED);
        }
        assertThat(refusal(() -> room.joinCall("g6"))).isEqualTo("CALL_FULL");
        room.moveToSfu(12); // a second move changes nothing
        assertThat(refusal(() -> room.joinCall("g6"))).isEqualTo("CALL_FULL");
        assertThat(Room.restore(room.snapshot()).onSfu()).isTrue();
        room.end("doc");
        assertThat(refusal(() -> room.moveToSfu(12))).isEqualTo("ENDED");
    }

    private boolean watching(String id) {
        return room.attendee(id).orElseThrow().watching();
    }

    @Test
    void beyondThePlacesWithVideoPatientsAndGuestsWatchUntilTheCallIsFull() {
        clinicianPresent();
        for (int i = 0; i < 9; i++) {
            room.connect("g" + i, AttendeeRole.GUEST, "s" + i);
        }
        room.connect("nurse", AttendeeRole.STAFF, "s-nurse");
        room.admitAll("doc");
        room.moveToSfu(5, 8); // five with video, eight in all
        for (String id : List.of("g0", "g1", "g2", "g3", "doc")) {
            assertThat(types(room.joinCall(id))).containsExactly(VisitEventType.CONNECTED);
            assertThat(watching(id)).isFalse();
        }
        assertThat(types(room.joinCall("g4"))).containsExactly(VisitEventType.CONNECTED);
        assertThat(watching("g4")).isTrue();
        assertThat(room.joinCall("g4")).isEmpty(); // a second join changes nothing
        // a clinician always joins with video: the watchers see the clinicians
        room.joinCall("nurse");
        assertThat(watching("nurse")).isFalse();
        assertThat(room.withVideo()).extracting(Attendee::id).containsExactly("doc", "g0", "g1", "g2", "g3", "nurse");
        room.joinCall("g5");
        assertThat(watching("g5")).isTrue();
        assertThat(refusal(() -> room.joinCall("g6"))).isEqualTo("CALL_FULL");
        assertThat(state("g6")).isEqualTo(AttendeeState.ADMITTED);
        assertThat(room.attendees()).filteredOn(AttendeeView::watching).extracting(AttendeeView::id)
                .containsExactly("g4", "g5");

        // the room in the data grid keeps who watches and the limits
        Room restored = Room.restore(room.snapshot());
        assertThat(restored.attendee("g4").orElseThrow().watching()).isTrue();
        assertThat(restored.attendee("g0").orElseThrow().watching()).isFalse();
        assertThat(catchThrowableOfType(() -> restored.joinCall("g6"), RoomRefusedException.class).reasonCode())
                .isEqualTo("CALL_FULL");

        // two with video leave (the nurse took a sixth place): the next one to join takes a place with video; a
        // watcher who comes back after a lost connection joins again by the same rule
        room.leave("g0");
        room.leave("g1");
        room.joinCall("g6");
        assertThat(watching("g6")).isFalse();
        room.disconnect("g4", "s4");
        assertThat(watching("g4")).isFalse();
        room.connect("g4", AttendeeRole.GUEST, "s4b");
        room.joinCall("g4");
        assertThat(watching("g4")).isTrue();
    }

    @Test
    void aFreedPlaceWithVideoGoesToWhoeverHasWatchedLongest() {
        clinicianPresent();
        for (int i = 0; i < 6; i++) {
            room.connect("g" + i, AttendeeRole.GUEST, "s" + i);
        }
        room.admitAll("doc");
        room.moveToSfu(5, 8);
        // g5 came to the lobby after g4 but began watching before it
        List.of("doc", "g0", "g1", "g2", "g3", "g5", "g4").forEach(room::joinCall);
        assertThat(room.promoteWatchers()).isEmpty(); // every place with video is taken
        assertThat(watching("g4")).isTrue();
        assertThat(watching("g5")).isTrue();
        room.leave("g1");
        assertThat(Room.restore(room.snapshot()).promoteWatchers()).containsExactly("g5"); // the turns survive the grid
        assertThat(room.promoteWatchers()).containsExactly("g5");
        assertThat(watching("g5")).isFalse();
        assertThat(watching("g4")).isTrue();
        room.disconnect("g2", "s2");
        room.remove("doc", "g3");
        assertThat(room.promoteWatchers()).containsExactly("g4");
        assertThat(room.withVideo()).extracting(Attendee::id).containsExactly("doc", "g0", "g4", "g5");
        assertThat(Room.restore(room.snapshot()).attendee("g4").orElseThrow().watching()).isFalse();
    }

    @Test
    void anSfuCallHoldsAtLeastItsPeopleWithVideo() {
        clinicianPresent();
        assertThat(catchThrowableOfType(() -> room.moveToSfu(12, 11), IllegalArgumentException.class)).isNotNull();
        assertThat(room.onSfu()).isFalse();
    }

    @Test
    void aRemovedPatientCannotComeBackAndClinicianCannotBeRemoved() {
        clinicianPresent();
        room.connect("pat", AttendeeRole.PATIENT, "s1");
        assertThat(types(room.remove("doc", "pat"))).containsExactly(VisitEventType.REMOVED);
        assertThat(refusal(() -> room.connect("pat", AttendeeRole.PATIENT, "s2"))).isEqualTo("REMOVED");
        assertThat(room.disconnect("pat", "s1")).isEmpty();
        assertThat(refusal(() -> room.remove("doc", "doc"))).isEqualTo("FORBIDDEN");
    }

    @Test
    void anEndedRoomRefusesEverythingButDepartures() {
        clinicianPresent();
        room.connect("pat", AttendeeRole.PATIENT, "s1");
        room.end("doc");
        assertThat(room.ended()).isTrue();
        assertThat(state("pat")).isEqualTo(AttendeeState.LEFT);
        assertThat(refusal(() -> room.connect("pat", AttendeeRole.PATIENT, "s2"))).isEqualTo("ENDED");
        assertThat(refusal(() -> room.admit("doc", "pat"))).isEqualTo("ENDED");
        assertThat(room.disconnect("pat", "s1")).isEmpty();
    }

    @Test
    void anAttendeeKeepsTheirRoleAndDeviceTestsAreRecordedWithTheirWords() {
        room.connect("pat", AttendeeRole.PATIENT, "s1");
        assertThat(refusal(() -> room.connect("pat", AttendeeRole.PROVIDER, "s2"))).isEqualTo("WRONG_ROLE");
        List<RoomChange> test = room.deviceTest("pat", "Camera works. Microphone works.");
        assertThat(test).containsExactly(new RoomChange(VisitEventType.DEVICE_TEST, "pat", AttendeeRole.PATIENT,
                "Camera works. Microphone works."));
        assertThat(room.attendees()).extracting(AttendeeView::displayName).containsExactly("Patient");
    }
}
