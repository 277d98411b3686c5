package org.openvisit.report.interfaces.web;

import org.openvisit.report.application.ReportRow;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The columns of an export, in their order: what each holds of a row. Times are instants (written in the viewer's
 * zone), durations whole seconds and call figures numbers with one decimal (numbers a spreadsheet can sum), statuses,
 * environments, platforms and results words in the viewer's language. Each belongs to a column of the page's table
 * (by its id), so that what a viewer hid there is left out of their exports too.
 */
enum ReportColumn {
    VISIT("visit", r -> r.visitId().toString()),
    APPOINTMENT("appointment", ReportRow::appointmentHash),
    BOOKED("reportAt", ReportRow::bookedStart),
    START("start", ReportRow::startAt),
    END("end", ReportRow::endAt),
    DURATION_S("duration", ReportRow::durationSeconds),
    CLINICIANS("clinicians", ReportRow::clinicians),
    DEPARTMENT("department", ReportRow::department),
    ENDPOINT("endpointColumn", ReportRow::endpointLabel),
    ENVIRONMENT("environment", (r, t) -> t.environment(r.environment())),
    ATTENDANTS("attendants", ReportRow::attendantsAtOnce),
    LOBBY_WAIT_S("lobbyWait", ReportRow::lobbyWaitSeconds),
    TIME_TO_ADMIT_S("timeToAdmit", ReportRow::timeToAdmitSeconds),
    STATUS("status", (r, t) -> t.status(r.status())),
    PLATFORM("platform", (r, t) -> t.platform(r.meetingPlatform())),
    QUALITY("quality", (r, t) -> t.word("quality", r.quality().verdict())),
    RTT_MS("quality", r -> tenth(r.quality().rttMs())),
    RTT_WORST_MS("quality", r -> tenth(r.quality().rttWorstMs())),
    JITTER_MS("quality", r -> tenth(r.quality().jitterMs())),
    JITTER_WORST_MS("quality", r -> tenth(r.quality().jitterWorstMs())),
    LOSS_PCT("quality", r -> tenth(r.quality().lossPercent())),
    LOSS_WORST_PCT("quality", r -> tenth(r.quality().lossWorstPercent())),
    FPS("quality", r -> tenth(r.quality().fps())),
    FPS_WORST("quality", r -> tenth(r.quality().fpsWorst())),
    DEVICE_TEST("deviceTest", (r, t) -> t.word("deviceTest", r.deviceTest())),
    WRITE_BACK("writeBack", (r, t) -> t.word("writeBack", r.writeBack())),
    SMS_SENT("smsSent", ReportRow::smsSent);

    private final String tableColumn;
    private final BiFunction<ReportRow, ReportText.Texts, Object> value;

    ReportColumn(String tableColumn, Function<ReportRow, Object> value) {
        this(tableColumn, (r, t) -> value.apply(r));
    }

    ReportColumn(String tableColumn, BiFunction<ReportRow, ReportText.Texts, Object> value) {
        this.tableColumn = tableColumn;
        this.value = value;
    }

    /** Every column: the reports API's CSV, and exports of a viewer who hid nothing. */
    static List<ReportColumn> all() {
        return List.of(values());
    }

    /**
     * The columns of a viewer's export: every column but those of the table's columns the viewer chose to hide
     * ({@code choices}: table column id to shown or hidden). The visit's id stays: it is what tells rows apart.
     */
    static List<ReportColumn> exported(Map<String, Boolean> choices) {
        return Arrays.stream(values()).filter(c -> c == VISIT || !Boolean.FALSE.equals(choices.get(c.tableColumn)))
                .toList();
    }

    /** The id of the table's column that shows this one. */
    String tableColumn() {
        return tableColumn;
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
