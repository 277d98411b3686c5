package org.openvisit.it.support;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.openqa.selenium.JavascriptExecutor;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * axe-core 4.14.1 (the unchanged {@code axe.min.js} from npm, MPL-2.0, in {@code src/test/resources/axe-core/}) run on
 * the page a browser shows: the serious and critical violations of the WCAG 2.1 A and AA rules, as lines.
 */
public final class Axe {

    private static final String SCRIPT = load();

    private Axe() {
    }

    private static String load() {
        try (InputStream in = Axe.class.getResourceAsStream("/axe-core/axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe-core/axe.min.js is not on the test class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "impact rule at [first nodes]" for each serious or critical violation on the page; empty when none. */
    public static List<String> seriousViolations(JavascriptExecutor js) {
        js.executeScript(SCRIPT);
        Object result = js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
                   .then(r => done(JSON.stringify(r.violations
                        .filter(v => v.impact === 'serious' || v.impact === 'critical')
                        .map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))})))))
                   .catch(e => done(JSON.stringify([{id: 'axe failed: ' + e, impact: 'critical', nodes: []}])));""");
        JsonArray violations = Json.createReader(new StringReader(String.valueOf(result))).readArray();
        List<String> found = new ArrayList<>();
        for (JsonObject v : violations.getValuesAs(JsonObject.class)) {
            found.add(v.getString("impact") + " " + v.getString("id") + " at " + v.getJsonArray("nodes"));
        }
        return found;
    }
}
