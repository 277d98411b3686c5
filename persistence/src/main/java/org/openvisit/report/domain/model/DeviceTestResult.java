package org.openvisit.report.domain.model;

import org.openvisit.visit.domain.model.VisitEvent;
import org.openvisit.visit.domain.model.VisitEventType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the device tests of a visit's patients and guests showed: {@link #PROBLEM} when the latest test of someone
 * found a camera, microphone, speaker, connection or relay that did not work or was not allowed by the browser;
 * {@link #PASSED} when tests were done and none of the latest found a problem (a check skipped is not a problem);
 * {@link #NOT_DONE} without a device test.
 */
public enum DeviceTestResult {
    PASSED,
    PROBLEM,
    NOT_DONE;

    /** The words the room stores with a DEVICE_TEST event for a check that failed ({@code DeviceTestWords}). */
    private static final List<String> FAILED = List.of("does not work", "was not allowed");

    /** The result of the visit's DEVICE_TEST events, in their order: each attendee's latest test counts. */
    public static DeviceTestResult of(List<VisitEvent> events) {
        Map<String, String> latest = new LinkedHashMap<>();
        for (VisitEvent e : events) {
            if (e.type() == VisitEventType.DEVICE_TEST) {
                latest.put(e.attendeeId().orElse(""), e.detail().orElse(""));
            }
        }
        if (latest.isEmpty()) {
            return NOT_DONE;
        }
        boolean problem = latest.values().stream().anyMatch(words -> FAILED.stream().anyMatch(words::contains));
        return problem ? PROBLEM : PASSED;
    }
}
