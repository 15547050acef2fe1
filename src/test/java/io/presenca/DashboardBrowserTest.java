package io.presenca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.presenca.lessons.LessonStore;
import io.presenca.store.AttendanceRow;
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
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.FluentWait;
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

    @Test
    void aTeacherSeesTheirClassesDayMarksAStudentPresentCannotVoidAndAnAdminVoids() throws Exception {
        Assumptions.assumeTrue(DashboardSchoolDay.fitsInToday(), "the test's lessons need three hours before now today");
        DashboardSchoolDay day = new DashboardSchoolDay(GatewayFixture.lfwIdentities(5, 1000).get(0));
        try (DashboardGatewayTest.RunningGateway gateway = new DashboardGatewayTest.RunningGateway(day::prepare)) {
            // the page re-renders a list when it changes: an element found a moment ago may be replaced
            FluentWait<WebDriver> wait = new WebDriverWait(browser, Duration.ofSeconds(30))
                    .ignoring(StaleElementReferenceException.class);
            JavascriptExecutor page = (JavascriptExecutor) browser;
            logIn(gateway, DashboardSchoolDay.TEACHER, DashboardSchoolDay.TEACHER_PASSWORD);
            String earlier = "[data-lesson='5A " + day.earlierStart + "']";
            String current = "[data-lesson='5A " + day.currentStart + "']";
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(earlier)));
            wait.until(d -> count(current, "present").equals("1")); // the gateway saw the first student at the door
            assertEquals(List.of("1", "1", "3"), List.of(count(earlier, "present"), count(earlier, "late"),
                    count(earlier, "absent")), "the earlier lesson: on time, late, never seen");
            assertEquals("1", count(current, "review"), "the look-alike waiting for review");
            assertEquals("absent", browser.findElement(By.cssSelector(earlier + " tbody tr .status")).getText(),
                    "the absent list first");
            assertTrue(browser.findElements(By.cssSelector("[data-lesson^='5B']")).isEmpty(), "5B is not the teacher's");
            assertTrue(browser.findElements(By.cssSelector("button.void")).isEmpty(), "no void button for a teacher");
            screenshot("10-day-teacher");
            Files.write(SCREENSHOTS.resolve("dashboard-day.png"),
                    browser.findElement(By.id("day-view")).getScreenshotAs(OutputType.BYTES));

            // the review queue: the captured face beside both candidates' enrolled photos, asked in plain words
            By item = By.cssSelector(".review-item[data-id='" + day.reviewId + "']");
            wait.until(ExpectedConditions.visibilityOfElementLocated(item));
            String lookAlike = DashboardSchoolDay.name(day.lookAlike);
            assertEquals("Looks like " + lookAlike + ", but also like " + DashboardSchoolDay.name(day.seen) + ": is it "
                    + lookAlike + "?", browser.findElement(item).findElement(By.className("question")).getText());
            wait.until(d -> (Boolean) page.executeScript("return [...document.querySelectorAll(arguments[0] + ' img')]"
                    + ".every(i => i.complete && i.naturalWidth > 0) && document.querySelectorAll(arguments[0] + ' img').length == 3;",
                    ".review-item[data-id='" + day.reviewId + "']"));
            page.executeScript("arguments[0].scrollIntoView()", browser.findElement(item));
            screenshot("11-review-queue");

            // the server filters, not just the page: another class's data is refused even when asked for directly
            String cookie = "presenca_session=" + browser.manage().getCookieNamed("presenca_session").getValue();
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            java.util.function.Function<String, java.net.http.HttpResponse<String>> get = path -> {
                try {
                    return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(gateway.base + path))
                            .header("Cookie", cookie).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            };
            assertFalse(get.apply("/dashboard/api/day").body().contains("5B"));
            assertFalse(get.apply("/dashboard/api/reviews").body().contains(gateway.reviewId), "5B's review item");
            assertEquals(403, get.apply("/dashboard/api/students/look-alike/history").statusCode());
            assertEquals(403, get.apply("/dashboard/api/reviews/" + gateway.reviewId + "/face.jpg").statusCode());
            assertEquals(403, get.apply("/dashboard/api/status").statusCode());
            assertEquals(404, get.apply("/dashboard/api/students/..%2F..%2Fetc/photo.jpg").statusCode(), "no path traversal");
            String lessonsCsv = get.apply("/dashboard/api/lessons.csv").body();
            assertTrue(lessonsCsv.lines().anyMatch(l -> l.startsWith("5A,") && l.contains(day.onTime + ",")
                    && l.contains(",present,")), lessonsCsv);
            assertTrue(lessonsCsv.lines().skip(1).allMatch(l -> l.startsWith("5A,")), lessonsCsv);

            // a manual mark: the never-seen student was there after all
            By neverSeen = By.cssSelector(earlier + " tr[data-student='" + day.neverSeen + "']");
            browser.findElement(neverSeen).findElement(By.cssSelector("button.mark")).click();
            String markForm = earlier + " tr[data-student='" + day.neverSeen + "'] + tr.form-row ";
            browser.findElement(By.cssSelector(markForm + "input[name=reason]")).sendKeys("Came in with the nurse, I saw him");
            screenshot("12-marking");
            browser.findElement(By.cssSelector(markForm + "button[type=submit]")).click();
            wait.until(ExpectedConditions.textToBe(By.cssSelector(earlier + " tr[data-student='" + day.neverSeen + "'] .status"),
                    "marked present"));
            Database db = Database.open(gateway.fixture.sqlite);
            List<AttendanceRow> manual = gateway.fixture.records().stream()
                    .filter(r -> r.studentId().equals(day.neverSeen)).toList();
            assertEquals(1, manual.size());
            assertEquals("manual", manual.get(0).matcher());
            assertTrue(new LessonStore(db).auditAbout(day.neverSeen).stream().anyMatch(a -> a.who().equals(DashboardSchoolDay.TEACHER)
                    && a.action().equals("mark manual") && a.reason().equals("Came in with the nurse, I saw him")
                    && a.detail().equals("record " + manual.get(0).recordId())), "credited to the teacher");

            // a teacher cannot void, even by posting (with the page's CSRF token) what the page does not offer
            Object status = ((JavascriptExecutor) browser).executeAsyncScript("const done = arguments[arguments.length - 1];"
                    + " post('/dashboard/api/records/' + arguments[0] + '/void', new URLSearchParams({reason: 'forced'}))"
                    + ".then(r => done(r.status), e => done(e.message));", day.lateRecordId);
            assertEquals(403L, status);
            assertFalse(new LessonStore(db).isVoided(day.lateRecordId));

            browser.manage().window().setSize(new Dimension(375, 812)); // a phone
            browser.navigate().refresh();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(earlier)));
            page.executeScript("window.scrollTo(0, 0)");
            screenshot("12-day-phone");
            Long overflow = (Long) page.executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertTrue(overflow <= 0, "no sideways scrolling on a phone: " + overflow + " px too wide");
            browser.manage().window().setSize(new Dimension(1280, 900));

            // an admin voids the late record with a reason: kept, audited, shown as voided
            browser.findElement(By.id("logout")).click();
            wait.until(ExpectedConditions.urlContains("/dashboard/login"));
            logIn(gateway, "admin", DashboardGatewayTest.PASSWORD);
            By lateRecord = By.cssSelector("#attendance-list tr[data-record='" + day.lateRecordId + "']");
            wait.until(ExpectedConditions.visibilityOfElementLocated(lateRecord));
            browser.findElement(lateRecord).findElement(By.cssSelector("button.void")).click();
            String voidForm = "#attendance-list tr[data-record='" + day.lateRecordId + "'] + tr.form-row ";
            browser.findElement(By.cssSelector(voidForm + "input[name=reason]")).sendKeys("Her twin sister, not her");
            browser.findElement(By.cssSelector(voidForm + "button[type=submit]")).click();
            wait.until(ExpectedConditions.attributeContains(lateRecord, "class", "voided"));
            wait.until(d -> count(earlier, "void").equals("1"));
            assertTrue(new LessonStore(db).isVoided(day.lateRecordId));
            assertTrue(new AttendanceStore(db).find(day.lateRecordId).isPresent(), "never deleted");
            assertTrue(new LessonStore(db).auditAbout(day.late).stream().anyMatch(a -> a.who().equals("admin")
                    && a.action().equals("void") && a.reason().equals("Her twin sister, not her")));
            screenshot("13-voided");
        }
    }

    private static void logIn(DashboardGatewayTest.RunningGateway gateway, String user, String password) {
        browser.get(gateway.base + "/dashboard/login");
        browser.findElement(By.id("username")).clear();
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("login")).click();
    }

    /** The number shown for {@code kind} on a lesson's card. */
    private static String count(String lesson, String kind) {
        List<org.openqa.selenium.WebElement> found = browser.findElements(By.cssSelector(lesson + " [data-count='" + kind + "'] b"));
        return found.isEmpty() ? "" : found.get(0).getText();
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
