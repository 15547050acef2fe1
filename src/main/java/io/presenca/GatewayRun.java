package io.presenca;

import io.presenca.attendance.AttendanceRecorder;
import io.presenca.camera.CameraUnavailableException;
import io.presenca.camera.FrameSources;
import io.presenca.config.ConfigurationException;
import io.presenca.config.Settings;
import io.presenca.config.UrlCredentials;
import io.presenca.events.Notifications;
import io.presenca.lessons.LessonAttendance;
import io.presenca.lessons.Lessons;
import io.presenca.matching.FrameMatcher;
import io.presenca.routes.RouteCheck;
import io.presenca.routes.RouteProblem;
import io.presenca.routes.RouteSafety;
import io.presenca.store.Database;
import io.presenca.vision.FaceQuality;
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
public final class GatewayRun implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayRun.class);

    /** What a run did, for the closing log line and for tests. */
    record Summary(long recorded, long duplicatesSkipped, long heldForReview, long unknownFaces, Map<FaceQuality.Rejection, Long> rejections,
                   long failedFrames, long localFallbacks, int attendanceWaiting) {
    }

    /** Exit code when the run ends with attendance SQLite could not write (kept in SPILL_PATH for the next start). */
    public static final int ATTENDANCE_NOT_WRITTEN = 4;

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

    /** {@code exitAtEnd}: the command line's {@code --exit-at-end}; EXIT_AT_END=true asks the same. */
    public GatewayRun(Settings settings, boolean exitAtEnd) {
        this(settings, exitAtEnd, UnaryOperator.identity());
    }

    /** {@code databaseOpened}: see {@link Gateway#Gateway(Settings, UnaryOperator)}. */
    GatewayRun(Settings settings, boolean exitAtEnd, UnaryOperator<Database> databaseOpened) {
        this.settings = settings;
        this.databaseOpened = databaseOpened;
        this.exitAtEnd = exitAtEnd || settings.exitAtEnd;
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
            GatewayConfiguration beans = new GatewayConfiguration(gateway, version);
            beans.enrollmentRefresh().enrollAtStart();
            startLessons(gateway.lessonAttendance());

            Main main = new Main();
            this.main = main;
            main.setDefaultPropertyPlaceholderLocation(RouteCheck.SETTINGS_LOCATIONS);
            beans.addTo(main, exitAtEnd);
            logCentralSync();
            useRoutes(main, settings.routesDir, settings.matcher.usesRekognition());

            int code = main.run(new String[0]);
            beans.captureLogSummary().log(); // the last period too
            AttendanceRecorder recorder = beans.attendanceRecorder();
            FrameMatcher matcher = beans.frameMatcher();
            int waiting = recorder.writeWaiting();
            summary = new Summary(recorder.recorded(), recorder.duplicatesSkipped(), beans.reviewQueue().held(),
                    matcher.unknownFaces(), beans.qualityGate().rejectionCounts(), beans.failedFrames().count(),
                    matcher.localFallbacks(), waiting);
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

    /** The timetable as it is now, and lessons followed from now on (earlier ones are caught up). */
    private static void startLessons(LessonAttendance lessons) {
        lessons.timetable().reload();
        lessons.trackFrom(java.time.Instant.now());
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
                throw new ConfigurationException("--exit-at-end / EXIT_AT_END needs a video file or an image folder as"
                        + " CAMERA_SOURCE, not the live source '" + UrlCredentials.mask(settings.cameraSource) + "'.");
            }
            return;
        }
        try {
            FrameSources.create(settings.cameraSource).close();
        } catch (CameraUnavailableException e) {
            throw new ConfigurationException(e.getMessage());
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
        List<RouteProblem> problems = RouteCheck.ofGateway(settings).checkFiles(files);
        if (!problems.isEmpty()) {
            throw new ConfigurationException("The gateway does not start: the routes in " + settings.routesDir
                    + " (ROUTES_DIR) have mistakes:" + System.lineSeparator() + RouteCheck.describe(problems)
                    + "Fix them and check with 'java -jar presenca.jar routes check' before starting again.");
        }
    }

    /** Routes are edited in ./routes and reloaded on change; without that folder, the jar's copies run. */
    private void useRoutes(Main main, Path routesDir, boolean rekognition) {
        if (Files.isDirectory(routesDir)) {
            // Camel lists the folder without following links: a linked folder would load no route at all
            Path routes = realPath(routesDir);
            main.configure().setRoutesIncludePattern("file:" + routes + "/*.camel.yaml");
            if (!rekognition) {
                main.configure().setRoutesExcludePattern("**/" + REKOGNITION_ROUTES);
            }
            // Camel's reload (camel.main.routes-reload-*) with the routes check before it
            main.addMainListener(new RouteSafety(routes, settings));
        } else {
            LOG.info("No routes folder {}: running the routes bundled in the jar (copy routes/ there to edit them)",
                    routesDir.toAbsolutePath());
            main.configure().setRoutesIncludePattern(
                    rekognition ? BUNDLED_ROUTES + ",classpath:routes/" + REKOGNITION_ROUTES : BUNDLED_ROUTES);
            main.addMainListener(new RouteSafety(null, settings));
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
