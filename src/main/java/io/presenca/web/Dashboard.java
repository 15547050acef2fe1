package io.presenca.web;

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
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's endpoints, one method each, routed by {@link DashboardLoginRoutes} (open) and
 * {@link DashboardRoutes} (behind the login) on Camel's REST DSL. A method runs only once
 * {@link DashboardGuard} let the request through; it checks the caller's role itself.
 */
public final class Dashboard {

    static final String BASE = "/dashboard";
    private static final Logger LOG = LoggerFactory.getLogger(Dashboard.class);

    private final DashboardApi api;
    private final DayView dayView;
    private final StudentHistory histories;
    private final EnrolledPhotos photos;
    private final LessonCorrections corrections;
    private final LessonAttendance lessons;
    private final Logins logins;
    private final Sessions sessions;
    private final SecurityHeaders securityHeaders;
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
        this.securityHeaders = new SecurityHeaders(settings.managementPort);
        this.sessions = new Sessions(logins::credentials, clock);
        if (!logins.configured()) {
            LOG.warn("{}", Logins.NOT_CONFIGURED);
        }
    }

    /**
     * Adds the dashboard's REST routes to the gateway's Camel (same HTTP server as health and metrics).
     * The open ones first: the catch-all GET that ends {@link DashboardRoutes} must be the last path Vert.x tries.
     * Every answer of that server carries the security headers, Vert.x's own 404 and 405 too.
     */
    public void bindTo(Main main) {
        DashboardGuard guard = new DashboardGuard(sessions);
        main.configure().addRoutesBuilder(new DashboardLoginRoutes(this, guard));
        main.configure().addRoutesBuilder(new DashboardRoutes(this, guard));
        main.addMainListener(securityHeaders);
    }

    Reply asset(String name) {
        return assets.get(name);
    }

    Reply logIn(DashboardCall call) {
        DashboardRequest request = call.request();
        String user = request.form().get("username");
        return switch (logins.check(user, request.form().get("password"), request.address())) {
            case ACCEPTED -> Reply.redirect(BASE + "/").with("Set-Cookie", Sessions.cookie(sessions.open(user)));
            case WRONG -> Reply.redirect(BASE + "/login?error=wrong");
            case LOCKED_OUT -> Reply.redirect(BASE + "/login?error=locked");
            case NOT_CONFIGURED -> Reply.redirect(BASE + "/login?error=off");
        };
    }

    Reply logOut(DashboardCall call) {
        sessions.close(call.session());
        return Reply.redirect(BASE + "/login").with("Set-Cookie", Sessions.expiredCookie());
    }

    /** Who is logged in, their role and classes, and the CSRF token app.js sends with every POST. */
    Reply session(DashboardCall call) {
        DashboardAccess access = access(call);
        return Reply.json(200, Map.of("user", call.user(), "csrfToken", call.session().csrfToken(),
                "role", access.role().column(), "classes", access.classes()));
    }

    Reply day(DashboardCall call) {
        LocalDate day = date(call.query("date"), LocalDate.now(lessons.zone()));
        return Reply.json(200, Map.of("date", day.toString(), "lessons", dayView.lessonsOn(day, access(call))));
    }

    Reply lessonsCsv(DashboardCall call) {
        LocalDate day = date(call.query("date"), LocalDate.now(lessons.zone()));
        return Reply.csv("lessons-" + day + ".csv", dayView.csv(day, access(call)));
    }

    /** A teacher's mark: present (a record with matcher=manual) or excused, for a lesson of a class they teach. */
    Reply mark(DashboardCall call) {
        Map<String, String> form = call.request().form();
        String className = form.getOrDefault("class", "");
        if (!access(call).sees(className)) {
            throw new NotAllowed("class '" + className + "' is not one you teach.");
        }
        LocalDate day = date(form.get("date"), null);
        LessonOnDate lesson;
        try {
            lesson = day == null ? null : lessons.timetable().current().lesson(className, day,
                    LocalTime.parse(form.getOrDefault("start", ""))).orElse(null);
        } catch (DateTimeParseException e) {
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
                form.get("reason"), call.user());
        LOG.info("Student {} marked {} for lesson {} by {} on the dashboard", form.get("student"), status, lesson, call.user());
        Map<String, Object> answer = new HashMap<>();
        answer.put("status", status);
        answer.put("recordId", recordId);
        return Reply.json(200, answer);
    }

    Reply voidRecord(DashboardCall call) {
        if (!access(call).isAdmin()) {
            throw new NotAllowed("only an admin may void a record; ask one (dashboard-user NAME --role admin).");
        }
        String recordId = call.pathParameter("id");
        int statuses = corrections.voidRecord(recordId, call.request().form().get("reason"), call.user()).size();
        LOG.info("Attendance record {} voided by {} on the dashboard ({} lesson status(es) now void)", recordId, call.user(),
                statuses);
        return Reply.json(200, Map.of("voided", recordId, "lessonStatuses", statuses));
    }

    Reply attendance(DashboardCall call) {
        return Reply.json(200, api.attendanceByClass(date(call.query("date"), LocalDate.now()), access(call)));
    }

    Reply export(DashboardCall call) {
        LocalDate from = date(call.query("from"), LocalDate.now());
        LocalDate to = date(call.query("to"), from);
        return Reply.csv("attendance-" + from + "-to-" + to + ".csv", api.csv(from, to, access(call)));
    }

    Reply reviews(DashboardCall call) {
        return Reply.json(200, api.openReviews(access(call)));
    }

    Reply reviewFace(DashboardCall call) {
        byte[] face = api.face(call.pathParameter("id"), access(call));
        return face == null ? Reply.error(404, "No face for this item.") : new Reply(200, "image/jpeg", face, Map.of());
    }

    Reply accept(DashboardCall call) {
        String reviewId = call.pathParameter("id");
        String recordId = api.accept(reviewId, call.user(), access(call));
        LOG.info("Review item {} accepted by {} on the dashboard: attendance record {}", reviewId, call.user(), recordId);
        return Reply.json(200, Map.of("attendanceId", recordId));
    }

    Reply reject(DashboardCall call) {
        String reviewId = call.pathParameter("id");
        api.reject(reviewId, call.user(), access(call));
        LOG.info("Review item {} rejected by {} on the dashboard", reviewId, call.user());
        return Reply.json(200, Map.of("rejected", reviewId));
    }

    Reply students(DashboardCall call) {
        return Reply.json(200, api.students(access(call)));
    }

    Reply studentHistory(DashboardCall call) {
        String studentId = call.pathParameter("id");
        if (!EnrolledPhotos.validId(studentId)) {
            return notFound(call);
        }
        return Reply.json(200, histories.of(api.visibleStudent(studentId, access(call)), LocalDate.now(lessons.zone())));
    }

    Reply studentPhoto(DashboardCall call) {
        String studentId = call.pathParameter("id");
        if (!EnrolledPhotos.validId(studentId)) {
            return notFound(call);
        }
        if (!api.maySeeStudent(studentId, access(call))) {
            throw new NotAllowed("Student " + studentId + " is not in a class you teach.");
        }
        return photos.thumbnail(studentId).map(jpeg -> new Reply(200, "image/jpeg", jpeg, Map.of()))
                .orElse(Reply.error(404, "No enrolled photo of this student."));
    }

    /** The device and sync page: admins only. */
    Reply status(DashboardCall call) {
        requireAdmin(call);
        return Reply.json(200, api.status());
    }

    Reply retryDead(DashboardCall call) {
        requireAdmin(call);
        return Reply.json(200, Map.of("message", api.retryDead()));
    }

    Reply notFound(DashboardCall call) {
        return Reply.error(404, "No such page: " + call.request().path());
    }

    private void requireAdmin(DashboardCall call) {
        if (!access(call).isAdmin()) {
            throw new NotAllowed("the device and sync page is for admins.");
        }
    }

    /** The caller's role and classes, read at each request: a changed role applies at once. */
    private DashboardAccess access(DashboardCall call) {
        return logins.access(call.user());
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
}
