package io.presenca;

import io.presenca.attendance.AttendanceRecorder;
import io.presenca.attendance.FailedFrames;
import io.presenca.attendance.ReviewQueue;
import io.presenca.camera.CameraUnavailableException;
import io.presenca.camera.FrameSources;
import io.presenca.config.ConfigurationException;
import io.presenca.config.Settings;
import io.presenca.config.UrlCredentials;
import io.presenca.events.AbsenceSummaries;
import io.presenca.events.Notifications;
import io.presenca.lessons.CentralLessons;
import io.presenca.lessons.LessonAttendance;
import io.presenca.lessons.Lessons;
import io.presenca.matching.FrameMatcher;
import io.presenca.monitoring.CaptureLogSummary;
import io.presenca.monitoring.Operations;
import io.presenca.monitoring.PipelineStats;
import io.presenca.routes.RouteCheck;
import io.presenca.routes.RouteProblem;
import io.presenca.routes.RouteSafety;
import io.presenca.store.Database;
import io.presenca.store.ReviewStore;
import io.presenca.students.EnrollmentRefresh;
import io.presenca.sync.CentralSync;
import io.presenca.vision.FaceQuality;
import io.presenca.vision.QualityGate;
import io.presenca.web.Dashboard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the gateway: checks settings, models and database before anything starts, enrolls the photos
 * in FACES_DIR, then hands over to Camel, whose YAML routes in routes/ drive capture and upkeep.
 */
final class GatewayRun implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayRun.class);

    /** What a run did, for the closing log line and for tests. */
    record Summary(long recorded, long duplicatesSkipped, long heldForReview, long unknownFaces, Map<FaceQuality.Rejection, Long> rejections,
                   long failedFrames, long localFallbacks, int attendanceWaiting) {
    }

    /** Exit code when the run ends with attendance SQLite could not write (kept in SPILL_PATH for the next start). */
    static final int ATTENDANCE_NOT_WRITTEN = 4;

    /** Named one by one: a classpath wildcard makes Camel scan the whole jar, natives included (5 s). */
    static final String BUNDLED_ROUTES = "classpath:routes/capture.camel.yaml,classpath:routes/enrollment.camel.yaml,"
            + "classpath:routes/sync.camel.yaml,classpath:routes/students.camel.yaml,classpath:routes/cleanup.camel.yaml,"
            + "classpath:routes/retention.camel.yaml,classpath:routes/attendance.camel.yaml,classpath:routes/"
            + Lessons.ROUTE_FILE + ",classpath:routes/" + Notifications.ROUTE_FILE + ",classpath:routes/log-summary.camel.yaml";
    /** The Rekognition upkeep routes: loaded only when MATCHER uses Rekognition (their beans exist only then). */
    static final String REKOGNITION_ROUTES = "rekognition.camel.yaml";

    private final Settings settings;
    private final boolean exitAtEnd;
    private final UnaryOperator<Database> databaseOpened;
    private Summary summary;
    private volatile Main main;

    GatewayRun(Settings settings, List<String> options) {
        this(settings, options, UnaryOperator.identity());
    }

    /** {@code databaseOpened}: see {@link Gateway#Gateway(Settings, UnaryOperator)}. */
    GatewayRun(Settings settings, List<String> options, UnaryOperator<Database> databaseOpened) {
        this.settings = settings;
        this.databaseOpened = databaseOpened;
        boolean flag = false;
        for (String option : options) {
            if (option.equals("--exit-at-end")) {
                flag = true;
            } else {
                throw new Presenca.UsageException("Unknown option '" + option + "'.");
            }
        }
        this.exitAtEnd = flag || settings.exitAtEnd;
    }

    @Override
    public Integer call() throws Exception {
        String version = Version.current();
        LOG.info("presenca {} starting with these settings:{}{}", version, System.lineSeparator(), settings.describe());
        checkCameraSource();
        checkEditedRoutes();
        try (Gateway gateway = new Gateway(settings, databaseOpened)) {
            gateway.registerDevice(version);
            // both models now: a missing or damaged one stops the start with its message, before Camel runs
            gateway.faceDetector();
            gateway.faceEmbedder();
            EnrollmentRefresh enrollment = new EnrollmentRefresh(gateway.enrollment(), gateway.galleryLoader());
            enrollment.enrollAtStart();

            FrameMatcher matcher = gateway.frameMatcher();
            QualityGate qualityGate = gateway.qualityGate();
            AttendanceRecorder recorder = gateway.attendanceRecorder();
            ReviewQueue reviewQueue = gateway.reviewQueue();
            FailedFrames failedFrames = new FailedFrames();

            Main main = new Main();
            this.main = main;
            main.setDefaultPropertyPlaceholderLocation(RouteCheck.SETTINGS_LOCATIONS);
            main.bind("faceFinder", gateway.faceFinder());
            main.bind("qualityGate", qualityGate);
            main.bind("faceTracker", gateway.faceTracker());
            main.bind("faceEmbedder", gateway.faceEmbedder());
            main.bind("faceMatcher", matcher);
            main.bind("consensus", gateway.consensus());
            main.bind("negativeCheck", gateway.negativeCheck());
            main.bind("negativeFaces", gateway.negativeFaces());
            main.bind("attendanceRecorder", recorder);
            main.bind("reviewQueue", reviewQueue);
            main.bind("failedFrames", failedFrames);
            main.bind("enrollment", enrollment);
            main.bind("evidenceRetention", gateway.evidenceRetention());
            if (settings.matcher.usesRekognition()) {
                main.bind("rekognitionCollection", gateway.rekognition().collectionSync());
                main.bind("offlineRecords", gateway.fallbackRecheck());
                main.addOverrideProperty("presenca.rekognition.sync-ms", Long.toString(settings.enrollmentRescanSeconds * 1000L));
                main.addOverrideProperty("presenca.rekognition.recheck-ms", Long.toString(settings.rekognitionRetrySeconds * 1000L));
                main.addOverrideProperty("presenca.rekognition.reverify", Boolean.toString(settings.rekognitionReverify));
            }
            CentralSync sync = gateway.centralSync(version);
            sync.bindTo(main, true, gateway.galleryLoader());
            bindLessons(main, gateway, sync);
            PipelineStats stats = new PipelineStats(qualityGate, matcher, recorder, reviewQueue, failedFrames,
                    new ReviewStore(gateway.database()), sync.queue());
            CaptureLogSummary logSummary = new CaptureLogSummary(stats);
            main.bind("captureLogSummary", logSummary);
            main.addOverrideProperty("presenca.log-summary-ms", Long.toString(settings.logSummarySeconds * 1000L));
            new Operations(settings, stats, gateway.database(), sync,
                    settings.matcher.usesRekognition() ? gateway.rekognition().link() : null).bindTo(main);
            new Dashboard(settings, gateway.database(), sync, stats, gateway.lessonAttendance(), gateway.lessonCorrections())
                    .bindTo(main);
            logCentralSync();
            // Camel logs every placeholder it resolves at start; "source" marks this one sensitive (a camera URL's password)
            main.configure().setAdditionalSensitiveKeywords("source");
            main.addOverrideProperty("presenca.camera.source", settings.cameraSource);
            main.addOverrideProperty("presenca.exit-at-end", Boolean.toString(exitAtEnd));
            main.addOverrideProperty("presenca.enrollment.rescan-ms", Long.toString(settings.enrollmentRescanSeconds * 1000L));
            useRoutes(main, settings.routesDir, settings.matcher.usesRekognition());

            int code = main.run(new String[0]);
            logSummary.log(); // the last period too
            int waiting = recorder.writeWaiting();
            summary = new Summary(recorder.recorded(), recorder.duplicatesSkipped(), reviewQueue.held(), matcher.unknownFaces(),
                    qualityGate.rejectionCounts(), failedFrames.count(), matcher.localFallbacks(), waiting);
            LOG.info("presenca stopped: {} attendance recorded, {} repeat sightings within the duplicate window,"
                            + " {} held for review, {} unknown faces, quality rejections {}, {} failed frames",
                    summary.recorded(), summary.duplicatesSkipped(), summary.heldForReview(), summary.unknownFaces(),
                    summary.rejections(),
                    summary.failedFrames());
            LOG.info("Tracking: {} faces described, {} descriptions saved on decided faces, {} tracks ({} started by an"
                            + " identity switch)", gateway.faceTracker().facesDescribed(), gateway.faceTracker().descriptionsSaved(),
                    gateway.faceTracker().tracksStarted(), gateway.faceTracker().identitySwitches());
            if (matcher.remoteSummary() != null) {
                LOG.info("Rekognition: {}", matcher.remoteSummary());
            }
            if (waiting > 0) {
                LOG.error("Stopped with attendance not written to SQLite: {}. It is kept in {} (SPILL_PATH) and written at"
                        + " the next start; exit code {}", recorder.writeProblem().orElse(waiting + " waiting"),
                        settings.spillPath.toAbsolutePath(), ATTENDANCE_NOT_WRITTEN);
                return code == 0 ? ATTENDANCE_NOT_WRITTEN : code;
            }
            return code;
        }
    }

    /** The timetable, lesson statuses and their central copy, and the notification routes' beans. */
    private void bindLessons(Main main, Gateway gateway, CentralSync sync) {
        LessonAttendance lessons = gateway.lessonAttendance();
        lessons.timetable().reload();
        lessons.trackFrom(java.time.Instant.now());
        // bound even with central sync off: its routes then do not start, but they name the bean
        Lessons.bindTo(main, settings, lessons,
                new CentralLessons(sync.central(), gateway.database(), settings.deviceId, java.time.Clock.systemUTC()));
        new Notifications(settings, gateway.eventOutbox(), new AbsenceSummaries(gateway.database(), lessons,
                settings.absenceSummaryTime, java.time.Clock.systemUTC())).bindTo(main);
    }

    /** Ends a run as Ctrl+C would (for tests of a gateway that runs until stopped). */
    void stop() {
        Main running = main;
        if (running != null) {
            running.completed();
        }
    }

    /** The running gateway's Camel, for tests that look at its routes; null before it starts. */
    org.apache.camel.CamelContext camelContext() {
        Main running = main;
        return running == null ? null : running.getCamelContext();
    }

    Summary summary() {
        return summary;
    }

    private void logCentralSync() {
        if (settings.centralSyncEnabled()) {
            LOG.info("Central sync on: attendance every {} s to {}, students every {} min from PostgreSQL at {}:{}/{}",
                    settings.attendanceSyncPeriod().toSeconds(), settings.externalApiUrl, settings.studentSyncInterval,
                    settings.postgresHost, settings.postgresPort, settings.postgresDb);
        } else {
            LOG.info("Central sync off: EXTERNAL_API_URL is not set. Attendance stays pending in SQLite until it is.");
        }
    }

    /** A file or folder source that does not exist is a mistake in the settings, not a camera to wait for. */
    private void checkCameraSource() {
        if (FrameSources.isLive(settings.cameraSource)) {
            if (exitAtEnd) {
                throw new Presenca.UsageException("--exit-at-end / EXIT_AT_END needs a video file or an image folder as"
                        + " CAMERA_SOURCE, not the live source '" + UrlCredentials.mask(settings.cameraSource) + "'.");
            }
            return;
        }
        try {
            FrameSources.create(settings.cameraSource).close();
        } catch (CameraUnavailableException e) {
            throw new Presenca.UsageException(e.getMessage());
        }
    }

    /**
     * A mistake in an edited route stops the start here, each at its file:line, rather than halfway through
     * Camel's start or, worse, with a route silently missing. The jar's own copies are checked by its tests.
     */
    private void checkEditedRoutes() throws java.io.IOException {
        if (!Files.isDirectory(settings.routesDir)) {
            return;
        }
        List<Path> files = RouteCheck.routeFiles(settings.routesDir).stream()
                .filter(file -> settings.matcher.usesRekognition() || !file.endsWith(REKOGNITION_ROUTES)).toList();
        List<RouteProblem> problems = RouteCheck.ofGateway().checkFiles(files);
        if (!problems.isEmpty()) {
            throw new ConfigurationException("The gateway does not start: the routes in " + settings.routesDir
                    + " (ROUTES_DIR) have mistakes:" + System.lineSeparator() + RouteCheck.describe(problems)
                    + "Fix them and check with 'java -jar presenca.jar routes check' before starting again.");
        }
    }

    /** Routes are edited in ./routes and reloaded on change; without that folder, the jar's copies run. */
    private static void useRoutes(Main main, Path routesDir, boolean rekognition) {
        if (Files.isDirectory(routesDir)) {
            // Camel lists the folder without following links: a linked folder would load no route at all
            Path routes = realPath(routesDir);
            main.configure().setRoutesIncludePattern("file:" + routes + "/*.camel.yaml");
            if (!rekognition) {
                main.configure().setRoutesExcludePattern("**/" + REKOGNITION_ROUTES);
            }
            // Camel's reload (camel.main.routes-reload-*) with the routes check before it
            main.addMainListener(new RouteSafety(routes));
        } else {
            LOG.info("No routes folder {}: running the routes bundled in the jar (copy routes/ there to edit them)",
                    routesDir.toAbsolutePath());
            main.configure().setRoutesIncludePattern(
                    rekognition ? BUNDLED_ROUTES + ",classpath:routes/" + REKOGNITION_ROUTES : BUNDLED_ROUTES);
            main.addMainListener(new RouteSafety(null));
        }
    }

    private static Path realPath(Path folder) {
        try {
            return folder.toRealPath();
        } catch (java.io.IOException e) {
            throw new ConfigurationException("ROUTES_DIR " + folder + " cannot be read (" + e.getMessage()
                    + "): check the folder and its permissions");
        }
    }
}
