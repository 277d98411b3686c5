package org.openvisit.report.interfaces.web;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.openvisit.report.application.ReportCharts;
import org.openvisit.report.domain.model.LobbyWaitBucket;
import org.openvisit.report.domain.model.ReportStatus;
import org.openvisit.shared.infrastructure.Jsons;

import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The Chart.js configurations (JSON, for PrimeFaces' {@code p:chart}) of the report's charts, with every label, legend
 * and axis title from the report bundle of the viewer's language. Colours keep at least 3:1 against the white page.
 */
final class ReportChartConfig {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MM-dd");
    /** completed, no-show, ended without patient, open; each at least 3:1 against white. */
    private static final List<String> STATUS_COLOURS = List.of("#5a6472", "#1b7a3a", "#b3261e", "#8a5a00");
    private static final String BAR_COLOUR = "#1f5fa8";

    private ReportChartConfig() {
    }

    /** Visits per day, one stacked bar per day, one series per status. */
    static String perDay(ReportCharts charts, ReportText.Texts texts) {
        JsonArrayBuilder labels = Jsons.createArrayBuilder();
        charts.days().forEach(d -> labels.add(DAY.format(d.date())));
        JsonArrayBuilder datasets = Jsons.createArrayBuilder();
        for (ReportStatus s : List.of(ReportStatus.COMPLETED, ReportStatus.NO_SHOW,
                ReportStatus.ENDED_WITHOUT_PATIENT, ReportStatus.OPEN)) {
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
