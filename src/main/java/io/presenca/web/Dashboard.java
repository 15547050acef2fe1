package io.presenca.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.presenca.config.Settings;
import io.presenca.monitoring.PipelineStats;
import io.presenca.lessons.LessonAttendance;
import io.presenca.lessons.LessonCorrections;
import io.presenca.lessons.LessonOnDate;
import io.presenca.store.DashboardAccess;
import io.presenca.store.DashboardUserStore;
import io.presenca.store.EnrollmentPhotoStore;
import io.presenca.store.Database;
import io.presenca.sync.CentralSync;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers every request under {@code /dashboard}: the login page and its stylesheet are open, the
 * rest needs a session (pages redirect to the login, API calls get 401). Every state-changing
 * request passes {@link ForgeryGuard} here, before any handler runs, so a new POST action is
 * protected without code of its own. Request headers are never echoed back: the reply carries only
 * the headers set here, {@link #SECURITY_HEADERS} on every one.
 */
public final class Dashboard {

    static final String BASE = "/dashboard";
    private static final Logger LOG = LoggerFactory.getLogger(Dashboard.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Sent with every answer: nothing is cached (face crops of minors, CSVs) and no other site may frame a page. */
    static final Map<String, String> SECURITY_HEADERS = Map.of(
            "Cache-Control", "no-store",
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none';"
                    + " object-src 'none'",
            "Referrer-Policy", "same-origin");

    private final DashboardApi api;
    private final DayView dayView;
    private final StudentHistory histories;
    private final EnrolledPhotos photos;
    private final LessonCorrections corrections;
    private final LessonAttendance lessons;
    private final Logins logins;
    private final Sessions sessions;
    private final StaticAssets assets = new StaticAssets("dashboard/");

    public Dashboard(Settings settings, Database db, CentralSync sync, PipelineStats stats, LessonAttendance lessons,
                     LessonCorrections corrections) {
        Logins.checkAdminPassword(settings.dashboardAdminPassword, settings.managementHost);
        Clock clock = Clock.systemUTC();
        this.api = new DashboardApi(settings, db, sync, stats, lessons.zone());
        this.dayView = new DayView(db, lessons, settings.lessonEarlyMinutes);
        this.histories = new StudentHistory(db, lessons.zone());
        this.photos = new EnrolledPhotos(settings.facesDir, new EnrollmentPhotoStore(db));
        this.lessons = lessons;
        this.corrections = corrections;
        this.logins = new Logins(settings.dashboardAdminPassword, new DashboardUserStore(db), clock);
        this.sessions = new Sessions(logins::credentials, clock);
        if (!logins.configured()) {
            LOG.warn("{}", Logins.NOT_CONFIGURED);
        }
    }

    /** Adds the dashboard route to the gateway's Camel (same HTTP server as health and metrics). */
    public void bindTo(Main main) {
        main.configure().addRoutesBuilder(new DashboardRoutes(this));
    }

    /** The {@code dashboard} route's one step. */
    public void handle(Exchange exchange) throws Exception {
        DashboardRequest request = DashboardRequest.of(exchange);
        Reply reply;
        try {
            reply = route(request);
        } catch (NotAllowed e) {
            LOG.warn("Dashboard refused {} {} to {}: {}", request.method(), request.path(), request.address(), e.getMessage());
            reply = Reply.json(403, Map.of("error", "Not allowed: " + e.getMessage()));
        } catch (IllegalArgumentException | IllegalStateException | LessonCorrections.Refused e) {
            reply = Reply.json(409, Map.of("error", e.getMessage()));
        } catch (RuntimeException e) {
            LOG.error("Dashboard request {} {} failed: {}", request.method(), request.path(), e.toString(), e);
            reply = Reply.json(500, Map.of("error", "The gateway could not do this: " + e.getMessage()));
        }
        Message out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, reply.status());
        out.setHeader(Exchange.CONTENT_TYPE, reply.contentType());
        SECURITY_HEADERS.forEach(out::setHeader);
        reply.headers().forEach(out::setHeader);
        out.setBody(reply.body());
    }

    private Reply route(DashboardRequest request) throws Exception {
        String path = request.path();
        Optional<String> foreign = request.changesState() ? ForgeryGuard.foreignOrigin(request) : Optional.empty();
        if (foreign.isPresent()) {
            return refused(request, foreign.get());
        }
        if (path.equals(BASE + "/login")) {
            return "POST".equals(request.method()) ? logIn(request) : assets.get("login.html");
        }
        if (path.equals(BASE + "/assets/style.css") || path.equals(BASE + "/assets/login.js")) {
            return assets.get(path.substring((BASE + "/assets/").length())); // the login page needs them
        }
        Optional<Sessions.Session> session = sessions.find(request.cookie());
        if (session.isEmpty()) {
            return path.startsWith(BASE + "/api/") ? Reply.json(401, Map.of("error", "Log in first."))
                    : Reply.redirect(BASE + "/login");
        }
        Optional<String> forged = request.changesState() ? ForgeryGuard.missingToken(request, session.get()) : Optional.empty();
        if (forged.isPresent()) {
            return refused(request, forged.get());
        }
        if (path.equals(BASE) || path.equals(BASE + "/")) {
            return assets.get("index.html");
        }
        if (path.startsWith(BASE + "/assets/")) {
            return assets.get(path.substring((BASE + "/assets/").length()));
        }
        if (path.equals(BASE + "/logout") && "POST".equals(request.method())) {
            sessions.close(session.get());
            return Reply.redirect(BASE + "/login").with("Set-Cookie", Sessions.expiredCookie());
        }
        if (path.equals(BASE + "/api/session") && "GET".equals(request.method())) {
            DashboardAccess access = logins.access(session.get().user());
            return Reply.json(200, Map.of("user", session.get().user(), "csrfToken", session.get().csrfToken(),
                    "role", access.role().column(), "classes", access.classes()));
        }
        String user = session.get().user();
        String apiPath = path.substring(BASE.length());
        DashboardAccess access = logins.access(user);
        Reply lessonReply = lessonCall(request, apiPath, user, access);
        return lessonReply != null ? lessonReply : apiCall(request.method(), apiPath, request.query(), user, access);
    }

    /** The day view, a student's page and photo, manual marks and voids; null when the path is none of them. */
    private Reply lessonCall(DashboardRequest request, String path, String user, DashboardAccess access) {
        String[] parts = path.split("/");
        boolean get = "GET".equals(request.method());
        boolean post = "POST".equals(request.method());
        if (get && path.equals("/api/day")) {
            LocalDate day = date(request.query().get("date"), LocalDate.now(lessons.zone()));
            return Reply.json(200, Map.of("date", day.toString(), "lessons", dayView.lessonsOn(day, access)));
        }
        if (get && path.equals("/api/lessons.csv")) {
            LocalDate day = date(request.query().get("date"), LocalDate.now(lessons.zone()));
            return new Reply(200, "text/csv; charset=utf-8", dayView.csv(day, access).getBytes(StandardCharsets.UTF_8),
                    Map.of("Content-Disposition", "attachment; filename=\"lessons-" + day + ".csv\""));
        }
        if (get && parts.length == 5 && path.startsWith("/api/students/") && EnrolledPhotos.validId(parts[3])) {
            if (parts[4].equals("history")) {
                return Reply.json(200, histories.of(api.visibleStudent(parts[3], access), LocalDate.now(lessons.zone())));
            }
            if (parts[4].equals("photo.jpg")) {
                if (!api.maySeeStudent(parts[3], access)) {
                    throw new NotAllowed("Student " + parts[3] + " is not in a class you teach.");
                }
                return photos.thumbnail(parts[3]).map(jpeg -> new Reply(200, "image/jpeg", jpeg, Map.of()))
                        .orElse(Reply.json(404, Map.of("error", "No enrolled photo of this student.")));
            }
        }
        if (post && path.equals("/api/lessons/mark")) {
            return mark(request.form(), user, access);
        }
        if (post && parts.length == 5 && path.startsWith("/api/records/") && parts[4].equals("void")) {
            if (!access.isAdmin()) {
                throw new NotAllowed("only an admin may void a record; ask one (dashboard-user NAME --role admin).");
            }
            int statuses = corrections.voidRecord(parts[3], request.form().get("reason"), user).size();
            LOG.info("Attendance record {} voided by {} on the dashboard ({} lesson status(es) now void)", parts[3], user,
                    statuses);
            return Reply.json(200, Map.of("voided", parts[3], "lessonStatuses", statuses));
        }
        return null;
    }

    /** A teacher's mark: present (a record with matcher=manual) or excused, for a lesson of a class they teach. */
    private Reply mark(Map<String, String> form, String user, DashboardAccess access) {
        String className = form.getOrDefault("class", "");
        if (!access.sees(className)) {
            throw new NotAllowed("class '" + className + "' is not one you teach.");
        }
        LocalDate day = date(form.get("date"), null);
        LessonOnDate lesson;
        try {
            lesson = day == null ? null : lessons.timetable().current().lesson(className, day,
                    java.time.LocalTime.parse(form.getOrDefault("start", ""))).orElse(null);
        } catch (java.time.format.DateTimeParseException e) {
            lesson = null;
        }
        if (lesson == null) {
            throw new IllegalArgumentException("No lesson of class '" + className + "' on " + form.get("date") + " at "
                    + form.get("start") + " in the timetable: reload the day view and try again.");
        }
        String status = form.getOrDefault("status", "");
        if (!status.equals("present") && !status.equals("excused")) {
            throw new IllegalArgumentException("Mark a student 'present' or 'excused', not '" + status + "'.");
        }
        String recordId = corrections.mark(form.getOrDefault("student", ""), lesson, status.equals("excused"),
                form.get("reason"), user);
        LOG.info("Student {} marked {} for lesson {} by {} on the dashboard", form.get("student"), status, lesson, user);
        Map<String, Object> answer = new HashMap<>();
        answer.put("status", status);
        answer.put("recordId", recordId);
        return Reply.json(200, answer);
    }

    private static Reply refused(DashboardRequest request, String why) {
        LOG.warn("Dashboard refused {} {} from {}: {} (a forged request from another page?)", request.method(),
                request.path(), request.address(), why);
        return Reply.json(403, Map.of("error", "Refused: this request did not come from the dashboard's own page ("
                + why + "). Reload the dashboard and try again."));
    }

    private Reply apiCall(String method, String path, Map<String, String> query, String user, DashboardAccess access)
            throws Exception {
        String[] parts = path.split("/");
        boolean get = "GET".equals(method);
        if (get && path.equals("/api/attendance")) {
            return Reply.json(200, api.attendanceByClass(date(query.get("date"), LocalDate.now()), access));
        }
        if (get && path.equals("/api/reviews")) {
            return Reply.json(200, api.openReviews(access));
        }
        if (get && parts.length == 5 && path.startsWith("/api/reviews/") && parts[4].equals("face.jpg")) {
            byte[] face = api.face(parts[3], access);
            return face == null ? Reply.json(404, Map.of("error", "No face for this item.")) : new Reply(200, "image/jpeg", face, Map.of());
        }
        if ("POST".equals(method) && parts.length == 5 && path.startsWith("/api/reviews/")) {
            if (parts[4].equals("accept")) {
                String recordId = api.accept(parts[3], user, access);
                LOG.info("Review item {} accepted by {} on the dashboard: attendance record {}", parts[3], user, recordId);
                return Reply.json(200, Map.of("attendanceId", recordId));
            }
            if (parts[4].equals("reject")) {
                api.reject(parts[3], user, access);
                LOG.info("Review item {} rejected by {} on the dashboard", parts[3], user);
                return Reply.json(200, Map.of("rejected", parts[3]));
            }
        }
        if (get && path.equals("/api/students")) {
            return Reply.json(200, api.students(access));
        }
        if (path.equals("/api/status") || path.equals("/api/sync/retry-dead")) {
            if (!access.isAdmin()) {
                throw new NotAllowed("the device and sync page is for admins.");
            }
            if (get && path.equals("/api/status")) {
                return Reply.json(200, api.status());
            }
            if ("POST".equals(method) && path.equals("/api/sync/retry-dead")) {
                return Reply.json(200, Map.of("message", api.retryDead()));
            }
        }
        if (get && path.equals("/api/export.csv")) {
            LocalDate today = LocalDate.now();
            LocalDate from = date(query.get("from"), today);
            LocalDate to = date(query.get("to"), from);
            String csv = api.csv(from, to, access);
            return new Reply(200, "text/csv; charset=utf-8", csv.getBytes(StandardCharsets.UTF_8),
                    Map.of("Content-Disposition", "attachment; filename=\"attendance-" + from + "-to-" + to + ".csv\""));
        }
        return Reply.json(404, Map.of("error", "No such page: " + path));
    }

    private Reply logIn(DashboardRequest request) {
        String user = request.form().get("username");
        return switch (logins.check(user, request.form().get("password"), request.address())) {
            case ACCEPTED -> Reply.redirect(BASE + "/").with("Set-Cookie", Sessions.cookie(sessions.open(user)));
            case WRONG -> Reply.redirect(BASE + "/login?error=wrong");
            case LOCKED_OUT -> Reply.redirect(BASE + "/login?error=locked");
            case NOT_CONFIGURED -> Reply.redirect(BASE + "/login?error=off");
        };
    }

    private static LocalDate date(String text, LocalDate fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Not a date: '" + text + "' (use YYYY-MM-DD)");
        }
    }

    /** An HTTP answer: status, type, body and any extra headers. */
    record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {

        static Reply json(int status, Object value) {
            try {
                return new Reply(status, "application/json", JSON.writeValueAsBytes(value), Map.of());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        static Reply redirect(String location) {
            return new Reply(303, "text/plain; charset=utf-8", ("See " + location).getBytes(StandardCharsets.UTF_8),
                    Map.of("Location", location));
        }

        Reply with(String header, String value) {
            Map<String, String> more = new HashMap<>(headers);
            more.put(header, value);
            return new Reply(status, contentType, body, more);
        }
    }
}
