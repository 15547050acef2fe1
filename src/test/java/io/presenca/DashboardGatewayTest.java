package io.presenca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.presenca.store.AttendanceStore;
import io.presenca.store.Database;
import io.presenca.store.ReviewItem;
import io.presenca.store.ReviewStore;
import io.presenca.store.StudentStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The dashboard over real HTTP on the loopback port of a running gateway: nothing without a
 * session, a login that sets a HttpOnly SameSite cookie, attendance recorded from a folder source,
 * a review item accepted into a record, and the CSV export.
 */
class DashboardGatewayTest {

    static final String PASSWORD = "correct horse battery staple";
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A gateway running on a folder where one student is recorded, with one look-alike waiting for review. */
    static final class RunningGateway implements AutoCloseable {
        final GatewayFixture fixture = new GatewayFixture();
        final String student;
        final String reviewId;
        final String base;
        private final GatewayFixture.Running running;

        RunningGateway() throws Exception {
            this((fixture, student) -> { });
        }

        /** {@code beforeStart}: more set-up (timetable, users, students) once the fixture is ready, before the gateway starts. */
        RunningGateway(java.util.function.BiConsumer<GatewayFixture, String> beforeStart) throws Exception {
            fixture.settings.put("DASHBOARD_ADMIN_PASSWORD", PASSWORD);
            student = GatewayFixture.lfwIdentities(5, 1000).get(0);
            fixture.enrollAndShowNextThree(student);
            Database db = Database.open(fixture.sqlite);
            new StudentStore(db).upsert("look-alike", "Bia Lima", "5B");
            reviewId = new ReviewStore(db).addUnlessRecent(new ReviewItem(null, "look-alike", student, "test-door",
                    Instant.now().minusSeconds(60), "low_margin", 0.3, 0.33, 96.5, "local",
                    java.nio.file.Files.readAllBytes(GatewayFixture.lfwPhotos(student).get(0)), null, null),
                    Duration.ofMinutes(10)).orElseThrow().id();
            beforeStart.accept(fixture, student);
            running = fixture.start();
            base = "http://127.0.0.1:" + fixture.managementPort();
            OperationsGatewayTest.waitFor(() -> OperationsGatewayTest.get(base + "/observe/health").statusCode() > 0,
                    "the HTTP server");
            OperationsGatewayTest.waitFor(() -> new AttendanceStore(Database.open(fixture.sqlite)).countFor(student) == 1,
                    "the student to be recorded");
        }

        @Override
        public void close() throws Exception {
            running.close();
        }
    }

    @Test
    void everyDashboardPathNeedsALoginAndAcceptingAReviewRecordsAttendance() throws Exception {
        try (RunningGateway gateway = new RunningGateway()) {
            String base = gateway.base;
            for (String page : List.of("/dashboard", "/dashboard/", "/dashboard/assets/app.js", "/dashboard/assets/index.html")) {
                HttpResponse<String> r = send(base, "GET", page, null, null);
                assertEquals(303, r.statusCode(), page);
                assertEquals("/dashboard/login", r.headers().firstValue("Location").orElse(""), page);
            }
            String item = "/dashboard/api/reviews/" + gateway.reviewId;
            for (String[] call : new String[][] {{"GET", "/dashboard/api/attendance"}, {"GET", "/dashboard/api/reviews"},
                    {"GET", item + "/face.jpg"}, {"POST", item + "/accept"}, {"POST", item + "/reject"},
                    {"GET", "/dashboard/api/students"}, {"GET", "/dashboard/api/status"},
                    {"POST", "/dashboard/api/sync/retry-dead"}, {"GET", "/dashboard/api/export.csv"},
                    {"GET", "/dashboard/api/day"}, {"GET", "/dashboard/api/lessons.csv"},
                    {"GET", "/dashboard/api/students/" + gateway.student + "/history"},
                    {"GET", "/dashboard/api/students/" + gateway.student + "/photo.jpg"},
                    {"POST", "/dashboard/api/lessons/mark"}, {"POST", "/dashboard/api/records/any/void"},
                    {"GET", "/dashboard/api/anything-else"}}) {
                HttpResponse<String> r = send(base, call[0], call[1], null, null);
                assertEquals(401, r.statusCode(), call[0] + " " + call[1]);
                assertFalse(r.body().contains(gateway.student), "no data without a session");
            }
            assertEquals(200, send(base, "GET", "/dashboard/login", null, null).statusCode());

            HttpResponse<String> wrong = send(base, "POST", "/dashboard/login", null, "username=admin&password=guess");
            assertEquals("/dashboard/login?error=wrong", wrong.headers().firstValue("Location").orElse(""));
            assertTrue(wrong.headers().firstValue("Set-Cookie").isEmpty());

            String cookie = logIn(base);

            JsonNode attendance = JSON.readTree(send(base, "GET", "/dashboard/api/attendance?date=" + LocalDate.now(), cookie, null).body());
            assertEquals(gateway.student, attendance.get(0).path("present").get(0).path("studentId").asText(), attendance.toString());
            assertEquals("kept on this gateway", attendance.get(0).path("present").get(0).path("syncStatus").asText(),
                    "central sync is off: not 'pending' as if something were wrong");
            JsonNode reviews = JSON.readTree(send(base, "GET", "/dashboard/api/reviews", cookie, null).body());
            assertEquals(1, reviews.size());
            assertEquals("Bia Lima", reviews.get(0).path("studentName").asText());
            assertEquals(gateway.student, reviews.get(0).path("runnerUpId").asText());
            HttpResponse<byte[]> face = HTTP.send(request(base, "GET", item + "/face.jpg", cookie, null),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals("image/jpeg", face.headers().firstValue("Content-Type").orElse(""));
            assertEquals((byte) 0xFF, face.body()[0]);

            HttpResponse<String> accepted = send(base, "POST", item + "/accept", cookie, null);
            assertEquals(200, accepted.statusCode(), accepted.body());
            assertEquals(1, new AttendanceStore(Database.open(gateway.fixture.sqlite)).countFor("look-alike"));
            assertEquals(409, send(base, "POST", item + "/reject", cookie, null).statusCode(), "decided once");
            assertEquals("[]", send(base, "GET", "/dashboard/api/reviews", cookie, null).body());

            HttpResponse<String> csv = send(base, "GET", "/dashboard/api/export.csv?from=" + LocalDate.now() + "&to="
                    + LocalDate.now(), cookie, null);
            assertTrue(csv.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment"));
            assertTrue(csv.body().startsWith("record_id,student_id"), csv.body());
            assertTrue(csv.body().contains(gateway.student) && csv.body().contains("Bia Lima"), csv.body());

            // a record that failed too many sync attempts shows as a dead letter, and the retry button re-queues it
            Database db = Database.open(gateway.fixture.sqlite);
            db.withConnection(c -> io.presenca.store.Sql.update(c, """
                    UPDATE attendance_records SET sync_status = 'dead', sync_attempts = 10, last_sync_error = 'HTTP 503',
                        captured_at = ? WHERE student_id = ?""", java.time.Instant.now().minus(java.time.Duration.ofDays(40)),
                    gateway.student));
            JsonNode status = JSON.readTree(send(base, "GET", "/dashboard/api/status", cookie, null).body());
            assertEquals("test-door", status.path("device").asText());
            assertEquals(1, status.path("records").path("pending").asInt());
            assertEquals(1, status.path("records").path("dead").asInt());
            assertEquals("HTTP 503", status.path("deadLetters").get(0).path("error").asText(), status.toString());
            assertEquals(1, status.path("keptUntilSeen").asInt(), "older than CLEANUP_DAYS, kept until someone looks");
            assertTrue(status.path("syncProblem").asText().contains("EXTERNAL_API_URL"));
            JsonNode retried = JSON.readTree(send(base, "POST", "/dashboard/api/sync/retry-dead", cookie, null).body());
            assertTrue(retried.path("message").asText().startsWith("1 record(s) back in the queue"), retried.toString());
            status = JSON.readTree(send(base, "GET", "/dashboard/api/status", cookie, null).body());
            assertEquals(2, status.path("records").path("pending").asInt());
            assertEquals(0, status.path("deadLetters").size());
            assertEquals(0, status.path("keptUntilSeen").asInt(), "retried: a person has dealt with it");
            JsonNode students = JSON.readTree(send(base, "GET", "/dashboard/api/students", cookie, null).body());
            assertTrue(students.toString().contains("\"enrollment\":\"enrolled\""), students.toString());
            // consent shown per student: a student skipped for want of it does not pass for one without photos
            assertEquals("true", student(students, gateway.student).path("consentGiven").asText(), students.toString());
            assertEquals("not enrolled: no consent in force", student(students, "look-alike").path("enrollment").asText());
            assertEquals("none recorded", student(students, "look-alike").path("consent").asText());
            new io.presenca.store.ConsentStore(db).record(new io.presenca.store.Consent("look-alike", "Rita Lima (mother)",
                    LocalDate.now().minusDays(3), "yearbook photos", null, io.presenca.store.Consent.FROM_COMMAND));
            students = JSON.readTree(send(base, "GET", "/dashboard/api/students", cookie, null).body());
            assertEquals("its scope 'yearbook photos' does not cover attendance",
                    student(students, "look-alike").path("consent").asText());

            // only the dashboard's own files: nothing else from the classpath or the working folder
            for (String path : List.of("/dashboard/assets/application.properties", "/dashboard/assets/..%2Fapplication.properties",
                    "/dashboard/assets/Presenca.class", "/application.properties", "/data/attendance.db")) {
                assertTrue(send(base, "GET", path, cookie, null).statusCode() == 404, path);
            }
            HttpResponse<String> out = send(base, "POST", "/dashboard/logout", cookie, null);
            assertTrue(out.headers().firstValue("Set-Cookie").orElse("").contains("Max-Age=0"));
            assertEquals(401, send(base, "GET", "/dashboard/api/status", cookie, null).statusCode(), "session closed");
        }
    }

    @Test
    void noAnswerMayBeCachedOrFramedAndTheUrlCannotStandInForTheCookieOrTheForm() throws Exception {
        try (RunningGateway gateway = new RunningGateway()) {
            String base = gateway.base;
            String item = "/dashboard/api/reviews/" + gateway.reviewId;
            String cookie = logIn(base);
            String today = LocalDate.now().toString();
            List<HttpResponse<?>> answers = new java.util.ArrayList<>();
            for (String path : List.of("/dashboard/login", "/dashboard/assets/style.css", "/dashboard/", "/dashboard/assets/app.js",
                    "/dashboard/api/status", "/dashboard/api/reviews", "/dashboard/api/export.csv?from=" + today + "&to=" + today,
                    "/dashboard/api/no-such-thing")) {
                answers.add(send(base, "GET", path, cookie, null));
            }
            answers.add(HTTP.send(request(base, "GET", item + "/face.jpg", cookie, null), HttpResponse.BodyHandlers.ofByteArray()));
            answers.add(send(base, "GET", "/dashboard/api/status", null, null)); // 401
            answers.add(send(base, "GET", "/dashboard/", null, null)); // 303 to the login
            answers.add(sendWith(base, "POST", item + "/reject", Map.of("Cookie", cookie), null)); // 403
            for (HttpResponse<?> answer : answers) {
                String what = answer.statusCode() + " " + answer.uri();
                assertEquals("no-store", answer.headers().firstValue("Cache-Control").orElse(""), what);
                assertEquals("DENY", answer.headers().firstValue("X-Frame-Options").orElse(""), what);
                assertTrue(answer.headers().firstValue("Content-Security-Policy").orElse("").contains("frame-ancestors 'none'"), what);
            }
            assertEquals(List.of(200, 200, 200, 200, 200, 200, 200, 404, 200, 401, 303, 403),
                    answers.stream().map(HttpResponse::statusCode).toList());

            // a session token in the query string is no cookie
            String token = cookie.substring(cookie.indexOf('=') + 1);
            for (String query : List.of("?Cookie=presenca_session%3D" + token, "?cookie=presenca_session%3D" + token)) {
                HttpResponse<String> r = send(base, "GET", "/dashboard/api/status" + query, null, null);
                assertEquals(401, r.statusCode(), query);
                assertFalse(r.body().contains("test-door"), query);
            }
            // and a user name and password in the query string, or in request headers, are no login form
            String password = java.net.URLEncoder.encode(PASSWORD, java.nio.charset.StandardCharsets.UTF_8);
            HttpResponse<String> byQuery = sendWith(base, "POST", "/dashboard/login?username=admin&password=" + password,
                    Map.of("Origin", base), "");
            HttpResponse<String> byHeaders = sendWith(base, "POST", "/dashboard/login",
                    Map.of("Origin", base, "username", "admin", "password", PASSWORD), "");
            for (HttpResponse<String> r : List.of(byQuery, byHeaders)) {
                assertEquals("/dashboard/login?error=wrong", r.headers().firstValue("Location").orElse(""), r.uri().toString());
                assertTrue(r.headers().firstValue("Set-Cookie").isEmpty(), "no session");
            }
        }
    }

    @Test
    void aChangeNeedsTheDashboardsOwnOriginAndTheSessionsTokenAndANewPasswordEndsTheSession() throws Exception {
        try (RunningGateway gateway = new RunningGateway()) {
            String base = gateway.base;
            String accept = "/dashboard/api/reviews/" + gateway.reviewId + "/accept";
            String cookie = logIn(base);
            String token = csrfToken(base, cookie);
            String otherPort = "http://127.0.0.1:" + GatewayFixture.freePort();
            List<Map<String, String>> forged = List.of(
                    Map.of("Cookie", cookie, "Origin", base), // the cookie alone: what a same-site page makes the browser send
                    Map.of("Cookie", cookie, "Origin", base, "X-CSRF-Token", "guessed"),
                    Map.of("Cookie", cookie, "Origin", otherPort, "X-CSRF-Token", token),
                    Map.of("Cookie", cookie, "Referer", otherPort + "/attack.html", "X-CSRF-Token", token),
                    Map.of("Cookie", cookie, "X-CSRF-Token", token)); // neither Origin nor Referer
            for (Map<String, String> headers : forged) {
                HttpResponse<String> r = sendWith(base, "POST", accept, headers, null);
                assertEquals(403, r.statusCode(), headers.keySet() + " " + headers.get("Origin") + " " + r.body());
            }
            assertEquals(0, new AttendanceStore(Database.open(gateway.fixture.sqlite)).countFor("look-alike"), "no record");
            assertEquals(403, sendWith(base, "POST", "/dashboard/logout", Map.of("Cookie", cookie, "Origin", otherPort), null)
                    .statusCode(), "a forged logout too");
            assertEquals(403, sendWith(base, "POST", "/dashboard/login", Map.of("Origin", otherPort),
                    "username=admin&password=x").statusCode(), "and a login from another page");
            assertEquals(200, send(base, "GET", "/dashboard/api/status", cookie, null).statusCode(), "still logged in");

            HttpResponse<String> fromThePage = sendWith(base, "POST", accept, Map.of("Cookie", cookie,
                    "Referer", base + "/dashboard/", "X-CSRF-Token", token), null);
            assertEquals(200, fromThePage.statusCode(), fromThePage.body());
            assertEquals(1, new AttendanceStore(Database.open(gateway.fixture.sqlite)).countFor("look-alike"));

            // dashboard-user run while maria is logged in: a new password, then a removal, each end her session
            java.io.ByteArrayOutputStream said = new java.io.ByteArrayOutputStream();
            try {
                assertEquals(0, gateway.fixture.commandWithInput("secretaria-5A", said, "dashboard-user", "maria"), said.toString());
                String maria = logIn(base, "maria", "secretaria-5A");
                assertEquals(200, send(base, "GET", "/dashboard/api/status", maria, null).statusCode());
                assertEquals(0, gateway.fixture.commandWithInput("outra-senha-longa", said, "dashboard-user", "maria"));
                assertEquals(401, send(base, "GET", "/dashboard/api/status", maria, null).statusCode(), "new password: logged out");
                maria = logIn(base, "maria", "outra-senha-longa");
                assertEquals(0, gateway.fixture.command(said, "dashboard-user", "maria", "--remove"), said.toString());
                assertEquals(401, send(base, "GET", "/dashboard/api/status", maria, null).statusCode(), "removed: logged out");
            } finally {
                gateway.fixture.clearCommandSettings();
            }
            assertEquals(200, send(base, "GET", "/dashboard/api/status", cookie, null).statusCode(), "admin's session stays");
        }
    }

    @Test
    void aShortAdminPasswordStopsAGatewayThatListensBeyondThisPc() {
        GatewayFixture fixture = new GatewayFixture();
        fixture.settings.put("DASHBOARD_ADMIN_PASSWORD", "admin123");
        fixture.settings.put("MANAGEMENT_HOST", "192.0.2.10"); // TEST-NET: refused before anything binds
        io.presenca.config.ConfigurationException e = org.junit.jupiter.api.Assertions.assertThrows(
                io.presenca.config.ConfigurationException.class, () -> new GatewayRun(fixture.settings(), false).call());
        assertTrue(e.getMessage().contains("DASHBOARD_ADMIN_PASSWORD has 8 characters; it needs at least 10"), e.getMessage());
    }

    private static JsonNode student(JsonNode students, String id) {
        for (JsonNode student : students) {
            if (student.path("id").asText().equals(id)) {
                return student;
            }
        }
        throw new AssertionError("no student " + id + " in " + students);
    }

    static String logIn(String base) throws Exception {
        return logIn(base, "admin", PASSWORD);
    }

    static String logIn(String base, String user, String password) throws Exception {
        HttpResponse<String> ok = send(base, "POST", "/dashboard/login", null, "username=" + user + "&password="
                + java.net.URLEncoder.encode(password, java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(303, ok.statusCode());
        assertEquals("/dashboard/", ok.headers().firstValue("Location").orElse(""));
        String setCookie = ok.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"), setCookie);
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    /** As the dashboard's page sends it: a POST carries the page's Origin and, once logged in, the session's CSRF token. */
    static HttpResponse<String> send(String base, String method, String path, String cookie, String form) throws Exception {
        return HTTP.send(request(base, method, path, cookie, form), HttpResponse.BodyHandlers.ofString());
    }

    /** The session's CSRF token, as app.js asks for it. */
    static String csrfToken(String base, String cookie) throws Exception {
        return JSON.readTree(send(base, "GET", "/dashboard/api/session", cookie, null).body()).path("csrfToken").asText();
    }

    /** A request with exactly the headers given (besides the form's Content-Type): for forged and odd requests. */
    static HttpResponse<String> sendWith(String base, String method, String path, Map<String, String> headers, String form)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
        headers.forEach(b::header);
        if ("POST".equals(method)) {
            b.header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form == null ? "" : form));
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(String base, String method, String path, String cookie, String form) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        if ("POST".equals(method)) {
            b.header("Origin", base);
            if (cookie != null) {
                b.header("X-CSRF-Token", csrfToken(base, cookie));
            }
            b.header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form == null ? "" : form));
        }
        return b.build();
    }
}
