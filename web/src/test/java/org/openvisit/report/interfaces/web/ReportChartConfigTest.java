package org.openvisit.report.interfaces.web;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.openvisit.report.application.ReportCharts;
import org.openvisit.report.domain.model.LobbyWaitBucket;
import org.openvisit.report.domain.model.ReportStatus;
import org.openvisit.shared.infrastructure.Jsons;

import java.io.StringReader;
import java.time.LocalDate;
import java.util.ArrayList;
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
        List<Long> hours = new ArrayList<>(java.util.Collections.nCopies(24, 0L));
        hours.set(9, 4L);
        return new ReportCharts(List.of(new ReportCharts.Day(LocalDate.of(2026, 12, 1), first),
                new ReportCharts.Day(LocalDate.of(2026, 12, 2), Map.of())), waits, hours);
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
        assertThat(sets).hasSize(4);
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
}
