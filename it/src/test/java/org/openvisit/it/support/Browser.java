package org.openvisit.it.support;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

/**
 * Debian's headless Chromium driven by Debian's chromedriver (never a downloaded one), with a fresh
 * profile and no background traffic, as the machine's notes prescribe. Screenshots go to
 * target/screenshots for review.
 */
public final class Browser implements AutoCloseable {

    public static final String CHROMIUM = System.getProperty("openvisit.chromium", "/usr/bin/chromium");
    public static final String CHROMEDRIVER = System.getProperty("openvisit.chromedriver", "/usr/bin/chromedriver");

    private final WebDriver driver;
    private final Path profile;
    private final Path screenshots;

    private Browser(WebDriver driver, Path profile, Path screenshots) {
        this.driver = driver;
        this.profile = profile;
        this.screenshots = screenshots;
    }

    public static Browser open(String... extraArguments) {
        return open(CHROMIUM, extraArguments);
    }

    /**
     * The same browser, but running inside network namespace {@code namespace} (made by {@link NetNamespaces}):
     * chromedriver stays on this machine's loopback and starts Chromium through {@code ip netns exec}, talking to it
     * over a pipe ({@code --remote-debugging-pipe}) instead of a debugging port, so that the browser has no network
     * but the namespace's own.
     */
    public static Browser openIn(String namespace, String... extraArguments) {
        try {
            Path wrapper = Files.createTempFile("openvisit-chromium-" + namespace, ".sh");
            Files.writeString(wrapper, "#!/bin/sh\nexec ip netns exec " + namespace + " " + CHROMIUM + " \"$@\"\n");
            wrapper.toFile().setExecutable(true);
            wrapper.toFile().deleteOnExit();
            String[] arguments = java.util.Arrays.copyOf(extraArguments, extraArguments.length + 1);
            arguments[extraArguments.length] = "--remote-debugging-pipe";
            return open(wrapper.toString(), arguments);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Browser open(String binary, String... extraArguments) {
        if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
            throw new IllegalStateException("Browser tests need Debian's chromium and chromium-driver: "
                    + "apt-get install -y chromium chromium-driver");
        }
        try {
            Path profile = Files.createTempDirectory("openvisit-chromium");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(binary);
            options.addArguments(List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--window-size=1280,900",
                    "--user-data-dir=" + profile));
            options.addArguments(extraArguments);
            // the console, for the Content-Security-Policy refusals Chromium reports there
            options.setCapability("goog:loggingPrefs", java.util.Map.of(LogType.BROWSER, "ALL"));
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(CHROMEDRIVER))
                    // a port of the tests' own registry: Selenium's free-port choice draws from 1024-32767 (below the
                    // ephemeral range), where SharedServer.freePort() hands out the servers' ports, and a chromedriver
                    // took a port a cluster node was about to listen on (a CI run: "GrizzlyProxy is NULL" three times)
                    .usingPort(SharedServer.freePort())
                    .build();
            Path screenshots = Path.of(System.getProperty("openvisit.it.output", "target"), "screenshots");
            Files.createDirectories(screenshots);
            return new Browser(new ChromeDriver(service, options), profile, screenshots);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public WebDriver driver() {
        return driver;
    }

    /**
     * A wait that asks again when the element it read was just replaced (PrimeFaces re-renders parts of
     * the page after an AJAX request, and a read in that moment finds the old element gone).
     */
    public WebDriverWait waitUpTo(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(driver, timeout);
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    /** Signs in on the portal's sign-in screen as a person would and waits for the next page. */
    public void signIn(java.net.URI base, String username, String password) {
        driver.get(base.resolve("/sign-in.xhtml").toString());
        driver.findElement(org.openqa.selenium.By.id("signIn:username")).sendKeys(username);
        driver.findElement(org.openqa.selenium.By.id("signIn:password")).sendKeys(password);
        driver.findElement(org.openqa.selenium.By.id("signIn:submit")).click();
        waitUpTo(Duration.ofSeconds(15)).until(d -> !d.getCurrentUrl().contains("/sign-in.xhtml")
                || !d.findElements(org.openqa.selenium.By.cssSelector("#signIn\\:messages .ui-messages-error")).isEmpty());
    }

    /**
     * What the page's Content-Security-Policy refused since the last call (a script, a handler or a style it blocked),
     * as Chromium wrote it to the console.
     */
    public List<String> securityPolicyRefusals() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage)
                .filter(message -> message.contains("Content Security Policy")).toList();
    }

    public Path screenshot(String name) {
        try {
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Path target = screenshots.resolve(name + ".png");
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var walk = Files.walk(profile)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a leftover temp profile is harmless
            }
        }
    }
}
