package org.openvisit.report.interfaces.web;

import org.openvisit.report.application.ReportRow;

import java.util.function.Function;

/**
 * The columns of an export, in their order: what each holds of a row. Times are instants (written in the viewer's
 * zone), durations whole seconds (numbers a spreadsheet can sum), the status a word in the viewer's language.
 */
enum ReportColumn {
    VISIT(r -> r.visitId().toString()),
    APPOINTMENT(ReportRow::appointmentHash),
    BOOKED(ReportRow::bookedStart),
    START(ReportRow::startAt),
    END(ReportRow::endAt),
    DURATION_S(ReportRow::durationSeconds),
    CLINICIANS(ReportRow::clinicians),
    DEPARTMENT(ReportRow::departmentId),
    ENDPOINT(ReportRow::endpointLabel),
    ATTENDANTS(ReportRow::attendantsAtOnce),
    LOBBY_WAIT_S(ReportRow::lobbyWaitSeconds),
    TIME_TO_ADMIT_S(ReportRow::timeToAdmitSeconds),
    STATUS(ReportRow::status),
    PLATFORM(ReportRow::meetingPlatform);

    private final Function<ReportRow, Object> value;

    ReportColumn(Function<ReportRow, Object> value) {
        this.value = value;
    }

    Object of(ReportRow row) {
        return value.apply(row);
    }

    String header(ReportText.Texts texts) {
        return texts.get("column." + name());
    }
}
