package org.openvisit.report.interfaces.web;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.openvisit.report.application.ReportCharts;
import org.openvisit.report.domain.model.LobbyWaitBucket;
import org.openvisit.report.domain.model.QualitySums;
import org.openvisit.report.domain.model.ReportStatus;
import org.openvisit.shared.infrastructure.Jsons;

import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReportChartConfigTest {

    private static ReportCharts charts() {
        Map<ReportStatus, Long> first = new EnumMap<>(ReportStatus.class);
        first.put(ReportStatus.COMPLETED, 3L);
        first.put(ReportStatus.NO_SHOW, 1L);
        Map<LobbyWaitBucket, Long> waits = new EnumMap<>(LobbyWaitBucket.class);
        waits.put(LobbyWaitBucket.MIN_2_TO_5, 2L);
        List<Long> hours = new ArrayList<>(Collections.nCopies(24, 0L));
        hours.set(9, 4L);
        Instant day1 = Instant.parse("2026-12-01T00:00:00Z");
        // day 1: rtt 300 ms over 3 samples, jitter 20 over 2, loss 1.5 % over 3, fps 90 over 3; day 2: no calls
        List<ReportCharts.QualityDay> quality = List.of(
                new ReportCharts.QualityDay(LocalDate.of(2026, 12, 1),
                        new QualitySums(day1, 300, 3, 20, 2, 1.5, 3, 90, 3)),
                new ReportCharts.QualityDay(LocalDate.of(2026, 12, 2), QualitySums.none(day1.plusSeconds(86_400))));
        return new ReportCharts(List.of(new ReportCharts.Day(LocalDate.of(2026, 12, 1), first),
                new ReportCharts.Day(LocalDate.of(2026, 12, 2), Map.of())), waits, hours, quality);
    }

    private static JsonObject parse(String json) {
        return Jsons.createReader(new StringReader(json)).readObject();
    }

    @Test
    void visitsPerDayAreStackedByStatusWithTheStatusesAsWordsOfTheViewersLanguage() {
        JsonObject c = parse(ReportChartConfig.perDay(charts(), ReportText.of(Locale.forLanguageTag("ru"))));
        assertThat(c.getString("type")).isEqualTo("bar");
        assertThat(c.getJsonObject("data").getJsonArray("labels").getValuesAs(jakarta.json.JsonString::getString))
                .containsExactly("12-01", "12-02");
        JsonArray sets = c.getJsonObject("data").getJsonArray("datasets");
        assertThat(sets).as("completed, no-show, ended without patient, cancelled, open").hasSize(5);
        assertThat(sets.getJsonObject(3).getString("label")).isEqualTo("Отменён");
        assertThat(sets.getJsonObject(0).getString("label")).isEqualTo("Состоялся");
        assertThat(sets.getJsonObject(0).getJsonArray("data").getJsonNumber(0).longValue()).isEqualTo(3);
        assertThat(sets.getJsonObject(1).getString("label")).isEqualTo("Неявка");
        assertThat(sets.getJsonObject(1).getJsonArray("data").getJsonNumber(1).longValue()).isZero();
        JsonObject scales = c.getJsonObject("options").getJsonObject("scales");
        assertThat(scales.getJsonObject("x").getBoolean("stacked")).isTrue();
        assertThat(scales.getJsonObject("y").getJsonObject("title").getString("text")).isEqualTo("Визиты");
    }

    @Test
    void lobbyWaitsAndHoursHaveOneBarPerBucketAndHour() {
        ReportText.Texts zh = ReportText.of(Locale.forLanguageTag("zh-TW"));
        JsonObject waits = parse(ReportChartConfig.lobbyWaits(charts(), zh));
        assertThat(waits.getJsonObject("data").getJsonArray("labels")).hasSize(6);
        assertThat(waits.getJsonObject("data").getJsonArray("labels").getString(2)).isEqualTo("2 至 5 分鐘");
        assertThat(waits.getJsonObject("data").getJsonArray("datasets").getJsonObject(0).getJsonArray("data")
                .getJsonNumber(2).longValue()).isEqualTo(2);
        JsonObject hours = parse(ReportChartConfig.hours(charts(), zh));
        JsonArray data = hours.getJsonObject("data").getJsonArray("datasets").getJsonObject(0).getJsonArray("data");
        assertThat(data).hasSize(24);
        assertThat(data.getJsonNumber(9).longValue()).isEqualTo(4);
        assertThat(hours.getJsonObject("options").getJsonObject("scales").getJsonObject("x")
                .getJsonObject("title").getString("text")).isEqualTo("一天中的小時");
    }

    @Test
    void callQualityIsALinePerFigureWithWeightedMeansAndAGapForADayWithoutCalls() {
        JsonObject c = parse(ReportChartConfig.quality(charts(), ReportText.of(Locale.forLanguageTag("zh-TW"))));
        assertThat(c.getString("type")).isEqualTo("line");
        JsonArray sets = c.getJsonObject("data").getJsonArray("datasets");
        assertThat(sets).hasSize(4);
        JsonArray rtt = sets.getJsonObject(0).getJsonArray("data");
        assertThat(rtt.getJsonNumber(0).doubleValue()).as("300 ms over 3 samples").isEqualTo(100.0);
        assertThat(rtt.isNull(1)).as("no calls that day: a gap").isTrue();
        assertThat(sets.getJsonObject(1).getJsonArray("data").getJsonNumber(0).doubleValue()).isEqualTo(10.0);
        assertThat(sets.getJsonObject(2).getJsonArray("data").getJsonNumber(0).doubleValue()).isEqualTo(0.5);
        assertThat(sets.getJsonObject(3).getJsonArray("data").getJsonNumber(0).doubleValue()).isEqualTo(30.0);
        assertThat(sets.getJsonObject(2).getString("yAxisID")).isEqualTo("y1");
        assertThat(sets.getJsonObject(0).getString("yAxisID")).isEqualTo("y");
        assertThat(c.getJsonObject("data").getJsonArray("labels").getString(1)).isEqualTo("12-02");
        assertThat(sets.getJsonObject(0).getString("label")).isEqualTo("往返時間（毫秒）");
        assertThat(sets.getJsonObject(3).getString("label")).isEqualTo("每秒影格數");
        assertThat(c.getJsonObject("options").getJsonObject("scales").getJsonObject("y1").getJsonObject("title")
                .getString("text")).isEqualTo("百分比 / 每秒影格數");
        assertThat(c.getJsonObject("options").getBoolean("spanGaps")).as("a day without calls is not bridged").isFalse();
        assertThat(sets.stream().map(set -> set.asJsonObject().getOrDefault("borderDash", JsonValue.NULL).toString())
                .distinct()).as("the lines differ by dash pattern, not by colour alone").hasSize(4);
    }
}
