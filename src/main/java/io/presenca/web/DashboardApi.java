package io.presenca.web;

import io.presenca.config.Settings;
import io.presenca.config.UrlCredentials;
import io.presenca.monitoring.PipelineStats;
import io.presenca.monitoring.SyncNow;
import io.presenca.store.AttendanceCsv;
import io.presenca.store.AttendanceRow;
import io.presenca.store.AttendanceStore;
import io.presenca.store.Consent;
import io.presenca.store.DashboardAccess;
import io.presenca.store.ConsentStore;
import io.presenca.store.Database;
import io.presenca.store.EnrollmentPhoto;
import io.presenca.store.EnrollmentPhotoStore;
import io.presenca.store.ReviewItem;
import io.presenca.store.ReviewStore;
import io.presenca.store.Student;
import io.presenca.store.StudentStore;
import io.presenca.store.SyncQueue;
import io.presenca.store.SyncStatus;
import io.presenca.sync.CentralSync;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What the dashboard's pages show and do, as plain objects the HTTP layer turns into JSON. */
final class DashboardApi {

    /** {@code syncStatus}: the central copy's state, or "kept on this gateway" while central sync is off (nothing is wrong). */
    record AttendanceEntry(String recordId, String studentId, String name, String time, Double confidence, String matcher,
                           String syncStatus, boolean voided) {
    }

    record ClassAttendance(String className, List<AttendanceEntry> present) {
    }

    /** {@code question}: what the teacher is asked, in plain words ("Looks like Howard, but also like Amy: is it Howard?"). */
    record ReviewView(String id, String studentId, String studentName, String runnerUpId, String runnerUpName,
                      String reason, double confidence, String capturedAt, String question) {
    }

    record PhotoView(String file, String status, String reason) {
    }

    /** {@code consent}: "given on D by X", or why the student may not be matched ("none recorded", "withdrawn on D", ...). */
    record StudentView(String id, String name, String className, String enrollment, boolean consentGiven, String consent,
                       List<PhotoView> photos) {
    }

    static final String KEPT_HERE = "kept on this gateway";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Settings settings;
    private final AttendanceStore attendance;
    private final ReviewStore reviews;
    private final StudentStore students;
    private final EnrollmentPhotoStore photos;
    private final ConsentStore consents;
    private final SyncQueue queue;
    private final CentralSync sync;
    private final PipelineStats stats;
    private final ZoneId zone;
    private final io.presenca.lessons.LessonStore lessons;

    DashboardApi(Settings settings, Database db, CentralSync sync, PipelineStats stats, ZoneId zone) {
        this.settings = settings;
        this.attendance = new AttendanceStore(db);
        this.reviews = new ReviewStore(db);
        this.students = new StudentStore(db);
        this.photos = new EnrollmentPhotoStore(db);
        this.consents = new ConsentStore(db);
        this.queue = sync.queue();
        this.sync = sync;
        this.stats = stats;
        this.zone = zone;
        this.lessons = new io.presenca.lessons.LessonStore(db);
    }

    /** The day's records grouped by class (classes by name, students by time of arrival), in the classes the user sees. */
    List<ClassAttendance> attendanceByClass(LocalDate day, DashboardAccess access) {
        Map<String, List<AttendanceEntry>> byClass = new TreeMap<>();
        for (AttendanceRow row : attendance.between(day, day, zone)) {
            if (!access.sees(row.className())) {
                continue;
            }
            String className = row.className() == null || row.className().isBlank() ? "(no class)" : row.className();
            byClass.computeIfAbsent(className, c -> new ArrayList<>()).add(new AttendanceEntry(row.recordId(),
                    row.studentId(), row.name(), TIME.format(row.capturedAt().atZone(zone)), row.confidence(),
                    row.matcher(), settings.centralSyncEnabled() ? row.syncStatus().column() : KEPT_HERE,
                    lessons.isVoided(row.recordId())));
        }
        return byClass.entrySet().stream().map(e -> new ClassAttendance(e.getKey(), e.getValue())).toList();
    }

    /** Open review items whose candidate is in a class the user sees. */
    List<ReviewView> openReviews(DashboardAccess access) {
        Function<String, String> name = id -> id == null ? null : students.find(id).map(Student::name).orElse(id);
        return reviews.open().stream().filter(item -> access.sees(classOf(item.studentId()))).map(item -> {
            String candidate = name.apply(item.studentId());
            String runnerUp = name.apply(item.runnerUpId());
            return new ReviewView(item.id(), item.studentId(), candidate, item.runnerUpId(), runnerUp, item.reason(),
                    item.confidence(), DATE_TIME.format(item.capturedAt().atZone(zone)),
                    ReviewWording.question(item.reason(), candidate, runnerUp));
        }).toList();
    }

    byte[] face(String reviewId, DashboardAccess access) {
        return visibleReview(reviewId, access).faceJpeg();
    }

    String accept(String reviewId, String user, DashboardAccess access) {
        visibleReview(reviewId, access);
        return reviews.accept(reviewId, user, Duration.ofMinutes(settings.minutesBeforeNextCapture));
    }

    void reject(String reviewId, String user, DashboardAccess access) {
        visibleReview(reviewId, access);
        reviews.reject(reviewId, user);
    }

    /** A student the user may look at: one of their classes, or a candidate of a review item they are asked about. */
    boolean maySeeStudent(String studentId, DashboardAccess access) {
        return access.sees(classOf(studentId)) || openReviews(access).stream().anyMatch(item ->
                studentId.equals(item.studentId()) || studentId.equals(item.runnerUpId()));
    }

    /** The student, if the user may see their class; {@link NotAllowed} otherwise. */
    Student visibleStudent(String studentId, DashboardAccess access) {
        Student student = students.find(studentId).orElseThrow(() -> new IllegalArgumentException(
                "No student '" + studentId + "' on this gateway."));
        if (!access.sees(student.className())) {
            throw new NotAllowed("Student " + studentId + " is not in a class you teach.");
        }
        return student;
    }

    private ReviewItem visibleReview(String reviewId, DashboardAccess access) {
        ReviewItem item = reviews.find(reviewId).orElseThrow(() -> new IllegalArgumentException(
                "No review item '" + reviewId + "'."));
        if (!access.sees(classOf(item.studentId()))) {
            throw new NotAllowed("This review item is about a student not in a class you teach.");
        }
        return item;
    }

    private String classOf(String studentId) {
        return studentId == null ? null : students.find(studentId).map(Student::className).orElse(null);
    }

    /**
     * Active students with their consent and each enrollment photo's outcome: "enrolled" once at least one
     * photo was accepted; a student skipped for consent says so rather than "no photos".
     */
    List<StudentView> students(DashboardAccess access) {
        Map<String, List<EnrollmentPhoto>> byStudent = photos.all().stream()
                .collect(Collectors.groupingBy(EnrollmentPhoto::studentId));
        LocalDate today = LocalDate.now(zone);
        List<StudentView> views = new ArrayList<>();
        for (Student student : students.findActive()) {
            if (!access.sees(student.className())) {
                continue;
            }
            List<EnrollmentPhoto> own = byStudent.getOrDefault(student.id(), List.of());
            boolean enrolled = own.stream().anyMatch(p -> p.status() == EnrollmentPhoto.Status.ACCEPTED);
            Consent consent = consents.find(student.id()).orElse(null);
            String consentProblem = consent == null ? "none recorded" : consent.problemOn(today);
            boolean blocksEnrollment = consentProblem != null && (settings.requireConsent || consent != null
                    && consent.revokedOn() != null);
            views.add(new StudentView(student.id(), student.name(), student.className(),
                    enrolled ? "enrolled" : blocksEnrollment ? "not enrolled: no consent in force"
                            : own.isEmpty() ? "no photos" : "no usable photo",
                    consentProblem == null, consentProblem == null ? "given by " + consent.givenBy() + " on " + consent.givenOn()
                            : consentProblem,
                    own.stream().map(p -> new PhotoView(Path.of(p.path()).getFileName().toString(),
                            p.status().name().toLowerCase(java.util.Locale.ROOT), p.reason())).toList()));
        }
        return views;
    }

    Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("device", settings.deviceId);
        status.put("cameraSource", UrlCredentials.mask(settings.cameraSource));
        status.put("cameraConnected", stats.camera().map(c -> c.isStarted() && c.isConnected()).orElse(false));
        status.put("frames", stats.frames());
        status.put("recordedSinceStart", stats.matches());
        status.put("unknownFaces", stats.unknownFaces());
        status.put("reviewQueue", stats.reviewQueueSize());
        Map<String, Long> records = new LinkedHashMap<>();
        queue.countByStatus().forEach((s, n) -> records.put(s.column(), n));
        status.put("records", records);
        status.put("oldestUnsyncedMinutes", stats.oldestUnsyncedAge().toMinutes());
        // rejected/dead records and open review items past CLEANUP_DAYS / EVIDENCE_RETENTION_DAYS: kept only because nobody has looked
        status.put("keptUntilSeen", queue.countUnresolvedCapturedBefore(Instant.now().minus(Duration.ofDays(settings.cleanupDays)))
                + reviews.countOpenCapturedBefore(Instant.now().minus(Duration.ofDays(settings.evidenceRetentionDays))));
        status.put("syncEnabled", settings.centralSyncEnabled());
        status.put("syncProblem", !settings.centralSyncEnabled() ? "Central sync is off: EXTERNAL_API_URL is not set."
                : sync.syncAlerts().apiKeyRefused() ? "The external API refused EXTERNAL_API_KEY; fix it and restart."
                : sync.syncGate().lastProblem());
        status.put("recentBatches", queue.recentLogs(10).stream().map(log -> {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("started", DATE_TIME.format(log.startedAt().atZone(zone)));
            view.put("sent", log.recordsSent());
            view.put("accepted", log.accepted());
            view.put("rejected", log.rejected());
            view.put("failed", log.failed());
            view.put("error", log.error());
            return view;
        }).toList());
        List<Map<String, String>> dead = new ArrayList<>();
        queue.deadReasons(100).forEach((id, error) -> dead.add(Map.of("id", id, "error", error == null ? "" : error)));
        status.put("deadLetters", dead);
        return status;
    }

    /** Puts dead-lettered records back in the queue with a fresh retry budget (as {@code sync --retry-dead}). */
    String retryDead() {
        int requeued = queue.requeueDead();
        if (!settings.centralSyncEnabled()) {
            return requeued + " record(s) back in the queue; central sync is off (EXTERNAL_API_URL not set).";
        }
        SyncNow.run(stats.context());
        return requeued + " record(s) back in the queue and a sync pass run: " + queue.countByStatus().get(SyncStatus.PENDING)
                + " pending, " + queue.countByStatus().get(SyncStatus.DEAD) + " dead.";
    }

    String csv(LocalDate from, LocalDate to, DashboardAccess access) {
        StringWriter out = new StringWriter();
        try {
            AttendanceCsv.write(out, attendance.between(from, to, zone).stream().filter(r -> access.sees(r.className())).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
