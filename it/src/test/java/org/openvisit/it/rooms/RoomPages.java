package org.openvisit.it.rooms;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openvisit.it.support.Browser;
import org.openvisit.it.support.SharedServer;

import java.time.Duration;

/** What the room tests do on a page the same way: Chromium's fake devices, the EHR launch, the live waits. */
public final class RoomPages {

    static final String[] MEDIA = {"--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
            "--allow-loopback-in-peer-connection", "--autoplay-policy=no-user-gesture-required"};

    /**
     * Fake devices for the five browsers of a group visit: a small camera (160 x 120 pixels, 10 frames a second, from a
     * file written here) instead of Chromium's 640 x 480 at 30. Five browsers on two cores each encode their camera and
     * decode four others; at the default size the renderers were too busy to answer the test for many seconds
     * (load average above 50), which measured the machine, not the SFU.
     */
    static String[] groupMedia() {
        return new String[] {"--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                "--use-file-for-fake-video-capture=" + SmallCamera.file(),
                "--allow-loopback-in-peer-connection", "--autoplay-policy=no-user-gesture-required"};
    }

    /**
     * Notes in {@code window.__gone} (Date.now()) when the page no longer has a subscription of attendee
     * {@code arguments[0]}, or ({@code arguments[1]}) no subscription at all. Public for bench/SfuBench.java.
     */
    public static final String GONE_WATCH = """
            const id = arguments[0], all = arguments[1];
            window.__gone = 0;
            const watch = setInterval(() => {
              const r = window.OpenVisitRoom;
              if (r && (all ? r.peers.size === 0 && !r.sfuCall : !r.peers.has(id))) { window.__gone = Date.now(); clearInterval(watch); }
            }, 20);
            """;

    /**
     * Watches, on a page in a call, the tile of attendee {@code arguments[0]}: {@code window.__tileWatch.missing} counts
     * the changes of the stage after which the tile was not there, {@code states} lists its states as they changed.
     */
    public static final String TILE_WATCH = """
            const id = arguments[0];
            const w = window.__tileWatch = { missing: 0, states: [] };
            const look = () => {
              const f = document.querySelector('#videos figure.tile[data-attendee-id="' + id + '"]');
              if (!f) { w.missing++; return; }
              const s = f.dataset.state || '';
              if (w.states[w.states.length - 1] !== s) { w.states.push(s); }
            };
            new MutationObserver(look).observe(document.getElementById('videos'),
              { childList: true, subtree: true, attributes: true, attributeFilter: ['data-state'] });
            look();
            """;

    static void launchFromEhr(Browser browser, String user, String appointment) {
        WebDriver driver = browser.driver();
        driver.get(SharedServer.sandboxUri().resolve("ehr").toString());
        driver.findElement(By.partialLinkText(user)).click();
        browser.waitUpTo(Duration.ofSeconds(15)).until(d -> !d.findElements(By.id("launch")).isEmpty());
        driver.findElements(By.cssSelector("select[name=app] option")).stream()
                .filter(o -> o.getAttribute("value").equals("openvisit")).findFirst().orElseThrow().click();
        driver.findElement(By.cssSelector("button[name=appointment][value=" + appointment + "]")).click();
        browser.waitUpTo(Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().matches(".*/visit/[0-9a-f-]{36}$"));
    }

    /** A wait on the clinician's page, whose rows are redrawn whenever someone's state changes. */
    static org.openqa.selenium.support.ui.FluentWait<WebDriver> live(Browser b, int seconds) {
        return b.waitUpTo(Duration.ofSeconds(seconds)).ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    }

    static String text(Browser b, String id) {
        return b.driver().findElement(By.id(id)).getText();
    }

    private RoomPages() {
    }
}
