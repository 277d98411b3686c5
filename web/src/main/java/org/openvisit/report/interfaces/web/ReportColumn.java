package org.openvisit.report.interfaces.web;

import org.openvisit.report.application.ReportRow;

import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The columns of an export, in their order: what each holds of a row. Times are instants (written in the viewer's
 * zone), durations whole seconds and call figures numbers with one decimal (numbers a spreadsheet can sum), statuses,
 * environments, platforms and results words in the viewer's language.
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
    ENVIRONMENT((r, t) -> t.environment(r.environment())),
    ATTENDANTS(ReportRow::attendantsAtOnce),
    LOBBY_WAIT_S(ReportRow::lobbyWaitSeconds),
    TIME_TO_ADMIT_S(ReportRow::timeToAdmitSeconds),
    STATUS((r, t) -> t.status(r.status())),
    PLATFORM((r, t) -> t.platform(r.meetingPlatform())),
    QUALITY((r, t) -> t.word("quality", r.quality().verdict())),
    RTT_MS(r -> tenth(r.quality().rttMs())),
    RTT_WORST_MS(r -> tenth(r.quality().rttWorstMs())),
    JITTER_MS(r -> tenth(r.quality().jitterMs())),
    JITTER_WORST_MS(r -> tenth(r.quality().jitterWorstMs())),
    LOSS_PCT(r -> tenth(r.quality().lossPercent())),
    LOSS_WORST_PCT(r -> tenth(r.quality().lossWorstPercent())),
    FPS(r -> tenth(r.quality().fps())),
    FPS_WORST(r -> tenth(r.quality().fpsWorst())),
    DEVICE_TEST((r, t) -> t.word("deviceTest", r.deviceTest())),
    WRITE_BACK((r, t) -> t.word("writeBack", r.writeBack())),
    SMS_SENT(ReportRow::smsSent);

    private final BiFunction<ReportRow, ReportText.Texts, Object> value;

    ReportColumn(Function<ReportRow, Object> value) {
        this((r, t) -> value.apply(r));
    }

    ReportColumn(BiFunction<ReportRow, ReportText.Texts, Object> value) {
        this.value = value;
    }

    Object of(ReportRow row, ReportText.Texts texts) {
        return value.apply(row, texts);
    }

    String header(ReportText.Texts texts) {
        return texts.get("column." + name());
    }

    /** A figure to one decimal (null stays null: nothing measured). */
    static Double tenth(Double value) {
        return value == null ? null : Math.round(value * 10) / 10.0;
    }
}
