package org.openvisit.writeback.infrastructure.fhir;

import org.openvisit.visit.domain.model.AttendeeRole;
import org.openvisit.visit.domain.model.VisitEventType;

/** The one line a Communication says about a visit event: who (by role only) did what. */
final class EventText {

    private EventText() {
    }

    static String of(VisitEventType type, AttendeeRole role, long sequence) {
        String who = role == null ? "Someone" : switch (role) {
            case PROVIDER -> "The clinician";
            case STAFF -> "A staff member";
            case PATIENT -> "The patient";
            case GUEST -> "A guest";
        };
        String what = switch (type) {
            case LOBBY_JOINED -> who + " is waiting in the virtual lobby.";
            case ADMITTED -> who + " was admitted to the video call.";
            case CONNECTED -> who + " connected to the video call.";
            case DISCONNECTED -> who + " disconnected from the video call.";
            case LEFT -> who + " left the video call.";
            case REMOVED -> who + " was removed from the virtual visit.";
            case DEVICE_TEST -> who + " finished a device test.";
            case VISIT_ENDED -> "The virtual visit ended.";
            case SMS_SENT -> who + " sent the patient a join link by SMS.";
            case VISIT_RESTARTED -> who + " started the virtual visit again.";
        };
        return "Virtual visit: " + what + " (OpenVisit event " + sequence + ")";
    }
}
