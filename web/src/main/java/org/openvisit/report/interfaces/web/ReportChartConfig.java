package org.openvisit.report.interfaces.web;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.openvisit.report.application.ReportCharts;
import org.openvisit.report.application.ReportCharts.QualityDay;
import org.openvisit.report.domain.model.LobbyWaitBucket;
import org.openvisit.report.domain.model.ReportStatus;
import org.openvisit.shared.infrastructure.Jsons;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;

/**
 * The Chart.js configurations (JSON, for PrimeFaces' {@code p:chart}) of the report's charts, with every label, legend
 * and axis title from the report bundle of the viewer's language. Colours keep at least 3:1 against the white page.
 */
final class ReportChartConfig {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MM-dd");
    /** completed, no-show, ended without patient, open; each at least 3:1 against white. */
    private static final List<String> STATUS_COLOURS = List.of("#5a6472", "#1b7a3a", "#b3261e", "#8a5a00",
            "#6b3fa0"); // by status ordinal: open, completed, no-show, ended without patient, cancelled
    private static final String BAR_COLOUR = "#1f5fa8";

    /** The statuses of the visits-per-day chart, in the order of its stacks (and of its figures' table). */
    static final List<ReportStatus> CHART_STATUSES = List.of(ReportStatus.COMPLETED, ReportStatus.NO_SHOW,
            ReportStatus.ENDED_WITHOUT_PATIENT, ReportStatus.CANCELLED, ReportStatus.OPEN);

    private ReportChartConfig() {
    }

    /** Visits per day, one stacked bar per day, one series per status. */
    static String perDay(ReportCharts charts, ReportText.Texts texts) {
        JsonArrayBuilder labels = Jsons.createArrayBuilder();
        charts.days().forEach(d -> labels.add(DAY.format(d.date())));
        JsonArrayBuilder datasets = Jsons.createArrayBuilder();
        for (ReportStatus s : CHART_STATUSES) {
            JsonArrayBuilder data = Jsons.createArrayBuilder();
            charts.days().forEach(d -> data.add(d.count(s)));
            datasets.add(Jsons.createObjectBuilder().add("label", texts.status(s)).add("data", data)
                    .add("backgroundColor", STATUS_COLOURS.get(s.ordinal())));
        }
        return config(labels, datasets, texts.get("chart.perDay.x"), texts.get("chart.y"), true);
    }

    /** Visits per lobby-wait bucket. */
    static String lobbyWaits(ReportCharts charts, ReportText.Texts texts) {
        JsonArrayBuilder labels = Jsons.createArrayBuilder();
        JsonArrayBuilder data = Jsons.createArrayBuilder();
        for (LobbyWaitBucket b : LobbyWaitBucket.values()) {
            labels.add(texts.waitBucket(b));
            data.add(charts.lobbyWaits().getOrDefault(b, 0L));
        }
        return config(labels, single(texts, data), texts.get("chart.waits.x"), texts.get("chart.y"), false);
    }

    /** Visits per hour of day in the viewer's zone. */
    static String hours(ReportCharts charts, ReportText.Texts texts) {
        JsonArrayBuilder labels = Jsons.createArrayBuilder();
        JsonArrayBuilder data = Jsons.createArrayBuilder();
        for (int h = 0; h < 24; h++) {
            labels.add("%02d".formatted(h));
            data.add(charts.hours().get(h));
        }
        return config(labels, single(texts, data), texts.get("chart.hours.x"), texts.get("chart.y"), false);
    }

    /**
     * Call quality per day: round-trip time and jitter (ms, left axis), packet loss (%) and received frames per second
     * (right axis). Lines differ by dash pattern as well as colour; a day without calls is a gap, not a zero.
     */
    static String quality(ReportCharts charts, ReportText.Texts texts) {
        JsonArrayBuilder labels = Jsons.createArrayBuilder();
        charts.quality().forEach(d -> labels.add(DAY.format(d.date())));
        JsonArrayBuilder datasets = Jsons.createArrayBuilder()
                .add(line(texts.get("chart.quality.rtt"), charts, QualityDay::rttMs, "y", "#1f5fa8", 0))
                .add(line(texts.get("chart.quality.jitter"), charts, QualityDay::jitterMs, "y", "#8a5a00", 6))
                .add(line(texts.get("chart.quality.loss"), charts, QualityDay::lossPercent, "y1", "#b3261e", 2))
                .add(line(texts.get("chart.quality.fps"), charts, QualityDay::fps, "y1", "#1b7a3a", 10));
        JsonObject options = Jsons.createObjectBuilder()
                .add("responsive", true)
                .add("maintainAspectRatio", false)
                .add("animation", false)
                .add("spanGaps", false)
                .add("plugins", Jsons.createObjectBuilder()
                        .add("legend", Jsons.createObjectBuilder().add("display", true).add("position", "bottom")))
                .add("scales", Jsons.createObjectBuilder()
                        .add("x", axis(texts.get("chart.perDay.x"), false))
                        .add("y", axis(texts.get("chart.quality.ms"), false).add("beginAtZero", true)
                                .add("position", "left"))
                        .add("y1", axis(texts.get("chart.quality.other"), false).add("beginAtZero", true)
                                .add("position", "right")
                                .add("grid", Jsons.createObjectBuilder().add("drawOnChartArea", false))))
                .build();
        return Jsons.createObjectBuilder().add("type", "line")
                .add("data", Jsons.createObjectBuilder().add("labels", labels).add("datasets", datasets))
                .add("options", options).build().toString();
    }

    /** One figure's line: a point per day, {@code null} (a gap) on a day without it; dashed unless {@code dash} is 0. */
    private static JsonObjectBuilder line(String label, ReportCharts charts, Function<QualityDay, Double> figure,
                                          String axis, String colour, int dash) {
        JsonArrayBuilder data = Jsons.createArrayBuilder();
        charts.quality().forEach(d -> {
            Double value = figure.apply(d);
            if (value == null) {
                data.addNull();
            } else {
                data.add(value);
            }
        });
        JsonObjectBuilder set = Jsons.createObjectBuilder().add("label", label).add("data", data).add("yAxisID", axis)
                .add("borderColor", colour).add("backgroundColor", colour).add("borderWidth", 2)
                .add("pointRadius", 3).add("fill", false);
        if (dash > 0) {
            set.add("borderDash", Jsons.createArrayBuilder().add(dash).add(4));
        }
        return set;
    }

    private static JsonArrayBuilder single(ReportText.Texts texts, JsonArrayBuilder data) {
        return Jsons.createArrayBuilder().add(Jsons.createObjectBuilder().add("label", texts.get("chart.y"))
                .add("data", data).add("backgroundColor", BAR_COLOUR));
    }

    private static String config(JsonArrayBuilder labels, JsonArrayBuilder datasets, String xTitle, String yTitle,
                                 boolean stacked) {
        JsonObject options = Jsons.createObjectBuilder()
                .add("responsive", true)
                .add("maintainAspectRatio", false)
                .add("animation", false)
                .add("plugins", Jsons.createObjectBuilder()
                        .add("legend", Jsons.createObjectBuilder().add("display", stacked).add("position", "bottom")))
                .add("scales", Jsons.createObjectBuilder()
                        .add("x", axis(xTitle, stacked))
                        .add("y", axis(yTitle, stacked).add("beginAtZero", true)
                                .add("ticks", Jsons.createObjectBuilder().add("precision", 0))))
                .build();
        return Jsons.createObjectBuilder().add("type", "bar")
                .add("data", Jsons.createObjectBuilder().add("labels", labels).add("datasets", datasets))
                .add("options", options).build().toString();
    }

    private static JsonObjectBuilder axis(String title, boolean stacked) {
        return Jsons.createObjectBuilder().add("stacked", stacked)
                .add("title", Jsons.createObjectBuilder().add("display", true).add("text", title));
    }
}
