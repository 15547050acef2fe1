package io.presenca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.presenca.store.AttendanceStore;
import io.presenca.store.Database;
import java.io.File;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard as a secretary uses it, in headless Chromium (Debian's chromium and
 * chromium-driver, which .ci/run installs): log in, see the attendance recorded from a folder
 * source, accept a review item, export the day as CSV, log out; and a form forged on a page from another
 * loopback port, which must not accept a review item. Screenshots go to target/browser-screenshots.
 */
class DashboardBrowserTest {

    static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");
    static final Path DOWNLOADS = Path.of("target", "browser-downloads").toAbsolutePath();

    private static WebDriver browser;

    @BeforeAll
    static void startChromium() throws IOException {
        File chromium = firstExisting(System.getenv("CHROMIUM_BINARY"), "/usr/bin/chromium", "/usr/bin/chromium-browser");
        File driver = firstExisting(System.getenv("CHROMEDRIVER"), "/usr/bin/chromedriver");
        Assumptions.assumeTrue(chromium != null && driver != null, "Browser tests skipped: no chromium and chromedriver"
                + " found (install with: apt-get install chromium chromium-driver; .ci/run does it, or set CHROMIUM_BINARY"
                + " and CHROMEDRIVER)");
        Files.createDirectories(SCREENSHOTS);
        Files.createDirectories(DOWNLOADS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,900", "--no-first-run", "--disable-extensions", "--disable-sync",
                "--disable-background-networking", "--disable-component-update");
        options.setExperimentalOption("prefs", Map.of("download.default_directory", DOWNLOADS.toString(),
                "download.prompt_for_download", false));
        // the driver given explicitly: Selenium Manager, which would download one, is never asked
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver)
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopChromium() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void logInSeeAttendanceAcceptAReviewAndExportCsv() throws Exception {
        try (DashboardGatewayTest.RunningGateway gateway = new DashboardGatewayTest.RunningGateway()) {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            browser.get(gateway.base + "/dashboard/");
            wait.until(ExpectedConditions.urlContains("/dashboard/login"));
            screenshot("01-login");

            browser.findElement(By.id("password")).sendKeys("not the password");
            browser.findElement(By.id("login")).click();
            wait.until(ExpectedConditions.textToBe(By.id("message"), "Wrong user name or password."));

            browser.findElement(By.id("password")).sendKeys(DashboardGatewayTest.PASSWORD);
            browser.findElement(By.id("login")).click();
            By recorded = By.cssSelector("#attendance-list tr[data-student='" + gateway.student + "']");
            wait.until(ExpectedConditions.visibilityOfElementLocated(recorded));
            assertTrue(browser.findElement(recorded).getText().contains(" %"), "time and confidence shown");
            screenshot("02-attendance");

            By item = By.cssSelector(".review-item[data-id='" + gateway.reviewId + "']");
            wait.until(ExpectedConditions.visibilityOfElementLocated(item));
            assertTrue(browser.findElement(item).getText().contains("Bia Lima"));
            Boolean faceLoaded = (Boolean) ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                    "const img = document.querySelector(arguments[0] + ' img'); return img.complete && img.naturalWidth > 0;",
                    ".review-item[data-id='" + gateway.reviewId + "']");
            assertTrue(faceLoaded, "the face crop is shown");
            screenshot("03-review-queue");
            browser.findElement(item).findElement(By.cssSelector("button.accept")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("review-empty")));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#attendance-list tr[data-student='look-alike']")));
            screenshot("04-accepted");

            String today = LocalDate.now().toString();
            Path csv = DOWNLOADS.resolve("attendance-" + today + "-to-" + today + ".csv");
            Files.deleteIfExists(csv);
            browser.findElement(By.id("export-button")).click();
            new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> Files.exists(csv));
            List<String> lines = Files.readAllLines(csv);
            assertEquals(3, lines.size(), "header, the recorded student and the accepted one: " + lines);
            assertTrue(lines.get(0).startsWith("record_id,student_id"));
            assertTrue(lines.stream().anyMatch(l -> l.contains(gateway.student)));
            assertTrue(lines.stream().anyMatch(l -> l.contains("look-alike")));

            browser.manage().window().setSize(new Dimension(390, 844)); // a phone
            browser.navigate().refresh();
            wait.until(ExpectedConditions.visibilityOfElementLocated(recorded));
            screenshot("05-phone");
            Long overflow = (Long) ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertTrue(overflow <= 0, "no sideways scrolling on a phone: " + overflow + " px too wide");
            browser.manage().window().setSize(new Dimension(1280, 900));

            // logging out is a POST too: app.js sends it with the session's CSRF token
            browser.findElement(By.id("logout")).click();
            wait.until(ExpectedConditions.urlContains("/dashboard/login"));
            browser.get(gateway.base + "/dashboard/");
            wait.until(ExpectedConditions.urlContains("/dashboard/login"));
        }
    }

    @Test
    void aFormForgedOnAPageFromAnotherLoopbackPortCannotAcceptAReviewForTheLoggedInUser() throws Exception {
        try (DashboardGatewayTest.RunningGateway gateway = new DashboardGatewayTest.RunningGateway()) {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            browser.get(gateway.base + "/dashboard/login");
            browser.findElement(By.id("password")).sendKeys(DashboardGatewayTest.PASSWORD);
            browser.findElement(By.id("login")).click();
            By item = By.cssSelector(".review-item[data-id='" + gateway.reviewId + "']");
            wait.until(ExpectedConditions.visibilityOfElementLocated(item));

            // the attacker's page: same host, another port (the same "site" for SameSite=Strict), posting on load
            String target = gateway.base + "/dashboard/api/reviews/" + gateway.reviewId + "/accept";
            byte[] page = ("<!doctype html><form id='f' method='post' action='" + target + "'>"
                    + "<input type='hidden' name='note' value='forged'></form>"
                    + "<script>document.getElementById('f').submit();</script>").getBytes(StandardCharsets.UTF_8);
            HttpServer attacker = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            attacker.createContext("/", exchange -> {
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, page.length);
                exchange.getResponseBody().write(page);
                exchange.close();
            });
            attacker.start();
            try {
                browser.get("http://127.0.0.1:" + attacker.getAddress().getPort() + "/prize.html");
                wait.until(ExpectedConditions.urlToBe(target));
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Refused"));
                screenshot("06-forged-form-refused");
            } finally {
                attacker.stop(0);
            }
            assertEquals(0, new AttendanceStore(Database.open(gateway.fixture.sqlite)).countFor("look-alike"),
                    "no record created by the forged form");
            browser.get(gateway.base + "/dashboard/");
            wait.until(ExpectedConditions.visibilityOfElementLocated(item)); // still open, and the user still logged in
        }
    }

    private static void screenshot(String name) throws IOException {
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(name + ".png"), png);
    }

    private static File firstExisting(String... paths) {
        for (String path : paths) {
            if (path != null && new File(path).canExecute()) {
                return new File(path);
            }
        }
        return null;
    }
}
