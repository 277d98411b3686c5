package org.openvisit.report.interfaces.web;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.openvisit.report.application.ExportCursor;
import org.openvisit.report.application.ReportRow;
import org.openvisit.report.domain.model.DeviceTestResult;
import org.openvisit.report.domain.model.QualityVerdict;
import org.openvisit.report.domain.model.ReportStatus;
import org.openvisit.report.domain.model.VisitQuality;
import org.openvisit.report.domain.model.WriteBackState;
import org.openvisit.region.application.RegionUnavailableException;
import org.openvisit.shared.interfaces.web.BrowserLanguage;
import org.openvisit.tenant.domain.model.DataRegion;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportExportTest {

    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
    private static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");

    /** Five rows in chunks of two, as the service hands them out; counts the calls. */
    private static final class Chunks implements RowSource {
        final List<ReportRow> rows = new ArrayList<>();
        int calls;

        Chunks() {
            for (int i = 0; i < 5; i++) {
                boolean done = i % 2 == 0;
                rows.add(new ReportRow(UUID.randomUUID(), "ab".repeat(32), T0.plusSeconds(i * 3600L),
                        T0.plusSeconds(i * 3600L), done ? T0.plusSeconds(i * 3600L + 120) : null,
                        done ? T0.plusSeconds(i * 3600L + 720) : null, done ? 600L : null, "dr.a, dr.b",
                        i == 1 ? "=HYPERLINK(\"x\")" : "Location/cardio", 2, done ? 90L : null, done ? 30L : null,
                        done ? ReportStatus.COMPLETED : ReportStatus.NO_SHOW, UUID.randomUUID(), "Cardiology",
                        done ? "microsoft-teams" : "builtin-rooms", "PRODUCTION",
                        done ? new VisitQuality(QualityVerdict.POOR, 123.456, 480.0, 12.0, 40.0, 9.5, 20.0, 24.0,
                                15.04) : VisitQuality.NO_DATA,
                        done ? DeviceTestResult.PROBLEM : DeviceTestResult.NOT_DONE,
                        done ? WriteBackState.DEAD_LETTER : WriteBackState.NONE, done ? 1 : 0, null));
            }
        }

        @Override
        public ExportCursor after(Instant afterAt, UUID afterId) {
            calls++;
            int from = afterId == null ? 0 : indexOf(afterId) + 1;
            List<ReportRow> chunk = rows.subList(from, Math.min(from + 2, rows.size()));
            boolean more = from + 2 < rows.size();
            ReportRow last = chunk.get(chunk.size() - 1);
            return new ExportCursor(chunk, more ? last.reportAt() : null, more ? last.visitId() : null);
        }

        private int indexOf(UUID id) {
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i).visitId().equals(id)) {
                    return i;
                }
            }
            throw new IllegalArgumentException();
        }
    }

    @Test
    void csvHoldsEveryRowWithWordsTimesInTheViewersZoneAndNoFormulas() throws Exception {
        Chunks source = new Chunks();
        StringWriter out = new StringWriter();
        long written = CsvReportExport.write(out, source, ReportText.of(Locale.ENGLISH), TAIPEI);
        assertThat(written).isEqualTo(5);
        assertThat(source.calls).as("three chunks, one call each").isEqualTo(3);
        List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(out.toString())).getRecords();
        assertThat(records).hasSize(5);
        CSVRecord first = records.get(0);
        assertThat(first.get("Visit")).isEqualTo(source.rows.get(0).visitId().toString());
        assertThat(first.get("Booked time")).isEqualTo("2026-12-01T17:00:00+08:00");
        assertThat(first.get("Duration (seconds)")).isEqualTo("600");
        assertThat(first.get("Status")).isEqualTo("Completed");
        assertThat(first.get("Clinicians (EHR user ids)")).isEqualTo("dr.a, dr.b");
        assertThat(records.get(1).get("Status")).isEqualTo("No-show");
        assertThat(records.get(1).get("Duration (seconds)")).isEmpty();
        assertThat(records.get(1).get("Department")).startsWith("'=");
        assertThat(first.get("Environment")).isEqualTo("Production");
        assertThat(first.get("Meeting platform")).isEqualTo("Microsoft Teams");
        assertThat(records.get(1).get("Meeting platform")).isEqualTo("Built-in video rooms");
        assertThat(first.get("Call quality")).isEqualTo("Poor");
        assertThat(first.get("Round-trip time, mean (ms)")).isEqualTo("123.5");
        assertThat(first.get("Round-trip time, worst (ms)")).isEqualTo("480.0");
        assertThat(first.get("Frame rate, lowest (fps)")).isEqualTo("15.0");
        assertThat(first.get("Device test")).isEqualTo("Problem found");
        assertThat(first.get("Write-back to the EHR")).isEqualTo("Dead letter (given up)");
        assertThat(first.get("SMS sent")).isEqualTo("1");
        assertThat(records.get(1).get("Call quality")).isEqualTo("No data");
        assertThat(records.get(1).get("Round-trip time, mean (ms)")).isEmpty();
        assertThat(records.get(1).get("Device test")).isEqualTo("Not done");
        assertThat(records.get(1).get("Write-back to the EHR")).isEqualTo("Nothing to write back");
    }

    @Test
    void csvHeadingsAreInTheViewersLanguage() throws Exception {
        StringWriter out = new StringWriter();
        CsvReportExport.write(out, new Chunks(), ReportText.of(BrowserLanguage.RUSSIAN), TAIPEI);
        assertThat(out.toString()).startsWith("Визит,").contains("Неявка");
    }

    @Test
    void xlsxHoldsEveryRowWithRealDatesAndNumbers() throws Exception {
        Chunks source = new Chunks();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long written = XlsxReportExport.write(out, source, ReportText.of(Locale.SIMPLIFIED_CHINESE), TAIPEI);
        assertThat(written).isEqualTo(5);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            Sheet sheet = book.getSheetAt(0);
            assertThat(sheet.getSheetName()).isEqualTo("就诊");
            assertThat(sheet.getLastRowNum()).isEqualTo(5);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("就诊");
            assertThat(sheet.getRow(1).getCell(0).getStringCellValue())
                    .isEqualTo(source.rows.get(0).visitId().toString());
            assertThat(DateUtil.isCellDateFormatted(sheet.getRow(1).getCell(2))).isTrue();
            assertThat(sheet.getRow(1).getCell(2).getLocalDateTimeCellValue())
                    .isEqualTo(LocalDateTime.of(2026, 12, 1, 17, 0));
            assertThat(sheet.getRow(1).getCell(5).getNumericCellValue()).isEqualTo(600.0);
            assertThat(sheet.getRow(1).getCell(13).getStringCellValue()).isEqualTo("已完成");
            assertThat(sheet.getRow(2).getCell(13).getStringCellValue()).isEqualTo("未到诊");
            assertThat(sheet.getRow(1).getCell(9).getStringCellValue()).isEqualTo("生产");
            assertThat(sheet.getRow(1).getCell(15).getStringCellValue()).isEqualTo("差");
            assertThat(sheet.getRow(1).getCell(16).getNumericCellValue()).isEqualTo(123.5);
            assertThat(sheet.getRow(1).getCell(24).getStringCellValue()).isEqualTo("发现问题");
            assertThat(sheet.getRow(1).getCell(25).getStringCellValue()).isEqualTo("死信（已放弃）");
        }
    }

    @Test
    void anExportLeavesOutTheColumnsTheViewerHidButNeverTheVisit() throws Exception {
        assertThat(ReportColumn.exported(Map.of())).containsExactly(ReportColumn.values());
        assertThat(ReportColumn.exported(Map.of("clinicians", false, "quality", false, "visit", false,
                "environment", true))).doesNotContain(ReportColumn.CLINICIANS, ReportColumn.QUALITY,
                ReportColumn.RTT_MS, ReportColumn.FPS_WORST).contains(ReportColumn.VISIT, ReportColumn.ENVIRONMENT,
                ReportColumn.STATUS);
        for (ReportColumn c : ReportColumn.values()) {
            assertThat(ReportsScreen.COLUMNS).as(c + " belongs to a column of the table").contains(c.tableColumn());
        }
        StringWriter out = new StringWriter();
        CsvReportExport.write(out, new Chunks(), ReportText.of(Locale.ENGLISH), TAIPEI,
                ReportColumn.exported(Map.of("clinicians", false)));
        assertThat(out.toString().lines().findFirst().orElseThrow()).startsWith("Visit,")
                .doesNotContain("Clinicians").contains("Department");
        ByteArrayOutputStream book = new ByteArrayOutputStream();
        XlsxReportExport.write(book, new Chunks(), ReportText.of(Locale.ENGLISH), TAIPEI,
                ReportColumn.exported(Map.of("status", false)));
        try (XSSFWorkbook read = new XSSFWorkbook(new ByteArrayInputStream(book.toByteArray()))) {
            assertThat(read.getSheetAt(0).getRow(0).getLastCellNum()).isEqualTo((short) (ReportColumn.values().length - 1));
        }
    }
    @Test
    void xlsxOfManyChunksHoldsEveryRowInOrderAndLeavesNoCellWhereAVisitHasNoValue() throws Exception {
        int n = 2_345; // more than the rows POI keeps in memory, over three chunks
        List<ReportRow> all = new ArrayList<>();
        Chunks five = new Chunks();
        for (int i = 0; i < n; i++) {
            ReportRow r = five.rows.get(i % 5);
            all.add(new ReportRow(UUID.randomUUID(), r.appointmentHash(), T0.plusSeconds(60L * i), r.bookedStart(),
                    r.startAt(), r.endAt(), r.durationSeconds(), r.clinicians(), r.departmentId(), r.attendantsAtOnce(),
                    r.lobbyWaitSeconds(), r.timeToAdmitSeconds(), r.status(), r.endpointId(), r.endpointLabel(),
                    r.meetingPlatform(), r.environment(), r.quality(), r.deviceTest(), r.writeBack(), r.smsSent(),
                    r.departmentName()));
        }
        RowSource source = (afterAt, afterId) -> {
            int from = afterId == null ? 0 : all.stream().map(ReportRow::visitId).toList().indexOf(afterId) + 1;
            List<ReportRow> chunk = all.subList(from, Math.min(from + 1000, n));
            boolean more = from + 1000 < n;
            ReportRow last = chunk.get(chunk.size() - 1);
            return new ExportCursor(chunk, more ? last.reportAt() : null, more ? last.visitId() : null);
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(XlsxReportExport.write(out, source, ReportText.of(Locale.ENGLISH), TAIPEI)).isEqualTo(n);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            Sheet sheet = book.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo(n);
            assertThat(sheet.getPaneInformation().isFreezePane()).as("the heading stays in view").isTrue();
            for (int i = 0; i < n; i += 97) {
                assertThat(sheet.getRow(i + 1).getCell(0).getStringCellValue())
                        .isEqualTo(all.get(i).visitId().toString());
            }
            assertThat(sheet.getRow(n).getCell(0).getStringCellValue()).isEqualTo(all.get(n - 1).visitId().toString());
            assertThat(sheet.getRow(2).getCell(5)).as("a no-show has no duration: no cell").isNull();
            assertThat(sheet.getRow(2).getCell(4)).as("nor an end").isNull();
            assertThat(sheet.getRow(3).getCell(5).getNumericCellValue()).isEqualTo(600.0);
        }
    }

    @Test
    void xlsxLetsThroughWhatTheRowSourceThrew() {
        RegionUnavailableException unreachable = new RegionUnavailableException(DataRegion.AMERICAS);
        Chunks source = new Chunks();
        RowSource failing = (afterAt, afterId) -> {
            if (afterId != null) {
                throw unreachable;
            }
            return source.after(null, null);
        };
        assertThatThrownBy(() -> XlsxReportExport.write(new ByteArrayOutputStream(), failing,
                ReportText.of(Locale.ENGLISH), TAIPEI)).isSameAs(unreachable);
        ByteArrayOutputStream untouched = new ByteArrayOutputStream();
        assertThatThrownBy(() -> XlsxReportExport.write(untouched, (afterAt, afterId) -> {
            throw unreachable;
        }, ReportText.of(Locale.ENGLISH), TAIPEI)).isSameAs(unreachable);
        assertThat(untouched.size()).as("nothing written before the first chunk came: the page can still say why")
                .isZero();
    }
}
