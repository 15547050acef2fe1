package io.presenca.config;

import io.presenca.vision.DescriptorModel;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every setting of the gateway, read once at start from the environment (see {@link SettingSources}),
 * validated, and immutable afterwards. Names are the environment variables the school sets.
 */
public final class Settings {

    /** Where the sync route points while EXTERNAL_API_URL is not set: an address that cannot resolve (nothing is sent then). */
    public static final String EXTERNAL_API_NOT_SET = "http://external-api-not-set.invalid";

    // recognition and attendance
    /** DESCRIPTORS: the face descriptor model faces are described and matched with. */
    public final DescriptorModel descriptors;
    public final double faceRecognitionThreshold;
    public final double matchMargin;
    public final double reviewBand;
    public final int minutesBeforeNextCapture;
    public final int consensusMinFrames;
    public final int consensusWindowFrames;
    public final int consensusWindowSeconds;
    public final int trackRecheckFrames;
    // camera and vision
    public final int cameraIndex;
    public final String cameraSource;
    public final boolean exitAtEnd;
    public final int minFaceSize;
    public final double minFaceSharpness;
    public final int detectionMaxSide;
    public final double detectionScore;
    public final int inferenceThreads;
    // files
    public final Path facesDir;
    public final Path sqlitePath;
    /** Attendance SQLite could not write yet, one JSON line each; best on another disk than SQLITE_PATH. */
    public final Path spillPath;
    public final Path modelsDir;
    public final int enrollmentRescanSeconds;
    public final String deviceId;
    // central sync
    public final int studentSyncInterval;
    public final int attendanceSyncInterval;
    /** Overrides ATTENDANCE_SYNC_INTERVAL when above 0 (tests, demos). */
    public final int attendanceSyncIntervalSeconds;
    public final int cleanupDays;
    public final String postgresDb;
    public final String postgresUser;
    public final String postgresPassword;
    public final String postgresHost;
    public final int postgresPort;
    public final String postgresSslMode;
    public final Path postgresSslRootCert;
    public final String externalApiUrl;
    public final String externalApiKey;
    public final int externalApiTimeoutSeconds;
    public final int syncBatchSize;
    public final int syncMaxAttempts;
    public final int syncRetryBaseSeconds;
    public final int syncCircuitOpenSeconds;
    public final String awsAccessKeyId;
    public final String awsSecretAccessKey;
    public final String awsRegion;
    // which matcher recognises faces, and AWS Rekognition's limits when it is used
    public final MatcherKind matcher;
    public final String rekognitionCollectionId;
    public final URI rekognitionEndpoint;
    public final double rekognitionTps;
    public final int rekognitionFrameBudgetMs;
    public final int rekognitionTimeoutMs;
    public final int rekognitionRetrySeconds;
    public final String rekognitionQualityFilter;
    public final boolean rekognitionReverify;
    // privacy: guardian consent, erasure, how long face evidence is kept
    public final boolean requireConsent;
    public final EraseAttendance eraseAttendance;
    public final int evidenceRetentionDays;
    public final boolean keepUnknownCrops;
    /** The key of templates and crops at rest: base64 text (PRESENCA_KEY), or the file holding it. */
    public final String presencaKey;
    public final Path presencaKeyFile;

    /** Health, metrics and the dashboard: one HTTP server, on loopback unless MANAGEMENT_HOST says otherwise. */
    public final String managementHost;
    public final int managementPort;
    /** The dashboard's admin password; without it (and without users in SQLite) nobody can log in. */
    public final String dashboardAdminPassword;
    /** The editable YAML routes, reloaded on save; when the folder is missing the jar's copies run. */
    public final Path routesDir;
    /** How often the INFO summary of capture (frames, faces, unknown, rejections) is logged. */
    public final int logSummarySeconds;

    // lessons: the timetable, and what counts as present, late or absent
    public final Path timetable;
    public final int timetableReloadSeconds;
    public final int lateAfterMinutes;
    public final int lessonEarlyMinutes;
    public final int lessonCatchUpDays;
    // notifications of attendance events: a webhook and a daily e-mail, each on when its address is set
    public final String webhookUrl;
    public final String webhookApiKey;
    public final int webhookRetries;
    public final int webhookTimeoutSeconds;
    public final int eventRetrySeconds;
    public final String smtpHost;
    public final int smtpPort;
    public final String smtpUser;
    public final String smtpPassword;
    public final String mailFrom;
    public final String officeEmail;
    public final java.time.LocalTime absenceSummaryTime;

    private final Map<String, String> effective;
    private final Map<String, String> given;
    private final Set<String> sensitiveNames;

    private Settings(SettingsReader read) {
        descriptors = DescriptorModel.forSetting(read.choice("DESCRIPTORS", "omz", "omz", "dlib"));
        faceRecognitionThreshold = read.decimal("FACE_RECOGNITION_THRESHOLD", 95, 50, 99.9);
        matchMargin = read.decimal("MATCH_MARGIN", descriptors.defaultMatchMargin(), 0, 100);
        reviewBand = read.decimal("REVIEW_BAND", 1, 0, 20);
        minutesBeforeNextCapture = read.integer("MINUTES_BEFORE_NEXT_CAPTURE", 10, 0, 24 * 60);
        consensusMinFrames = read.integer("CONSENSUS_MIN_FRAMES", 2, 1, 30);
        consensusWindowFrames = read.integer("CONSENSUS_WINDOW_FRAMES", 5, consensusMinFrames, 300);
        consensusWindowSeconds = read.integer("CONSENSUS_WINDOW_SECONDS", 10, 1, 600);
        trackRecheckFrames = read.integer("TRACK_RECHECK_FRAMES", 5, 1, 300);

        cameraIndex = read.integer("CAMERA_INDEX", 0, 0, 99);
        cameraSource = read.text("CAMERA_SOURCE", Integer.toString(cameraIndex));
        exitAtEnd = read.flag("EXIT_AT_END", false);
        minFaceSize = read.integer("MIN_FACE_SIZE", 40, 8, 4096);
        minFaceSharpness = read.decimal("MIN_FACE_SHARPNESS", 8, 0, 10_000);
        detectionMaxSide = read.integer("DETECTION_MAX_SIDE", 640, 160, 8192);
        detectionScore = read.decimal("DETECTION_SCORE", 0.6, 0.1, 0.99);
        inferenceThreads = read.integer("INFERENCE_THREADS", Math.min(64, Runtime.getRuntime().availableProcessors()), 1, 64);

        facesDir = read.path("FACES_DIR", "faces");
        sqlitePath = read.path("SQLITE_PATH", "data/attendance.db");
        spillPath = read.path("SPILL_PATH", defaultSpillPath(sqlitePath).toString());
        modelsDir = read.path("MODELS_DIR", null);
        enrollmentRescanSeconds = read.integer("ENROLLMENT_RESCAN_SECONDS", 30, 1, 86_400);
        deviceId = read.text("DEVICE_ID", hostName());

        studentSyncInterval = read.integer("STUDENT_SYNC_INTERVAL", 60, 1, 7 * 24 * 60);
        attendanceSyncInterval = read.integer("ATTENDANCE_SYNC_INTERVAL", 5, 1, 24 * 60);
        attendanceSyncIntervalSeconds = read.integer("ATTENDANCE_SYNC_INTERVAL_SECONDS", 0, 0, 24 * 3600);
        cleanupDays = read.integer("CLEANUP_DAYS", 30, 1, 3650);
        postgresDb = read.text("POSTGRES_DB", "attendance");
        postgresUser = read.text("POSTGRES_USER", "postgres");
        postgresPassword = read.secret("POSTGRES_PASSWORD");
        postgresHost = read.text("POSTGRES_HOST", "localhost");
        postgresPort = read.integer("POSTGRES_PORT", 5435, 1, 65_535);
        // auto: verify-full, or prefer for a PostgreSQL on this machine (resolved by CentralDatabase)
        postgresSslMode = read.choice("POSTGRES_SSLMODE", "auto",
                "auto", "disable", "allow", "prefer", "require", "verify-ca", "verify-full");
        postgresSslRootCert = read.path("POSTGRES_SSLROOTCERT", null);
        externalApiUrl = read.url("EXTERNAL_API_URL");
        externalApiKey = read.secret("EXTERNAL_API_KEY");
        externalApiTimeoutSeconds = read.integer("EXTERNAL_API_TIMEOUT_SECONDS", 30, 1, 600);
        syncBatchSize = read.integer("SYNC_BATCH_SIZE", 1000, 1, 5000);
        syncMaxAttempts = read.integer("SYNC_MAX_ATTEMPTS", 10, 1, 1000);
        syncRetryBaseSeconds = read.integer("SYNC_RETRY_BASE_SECONDS", 30, 1, 3600);
        syncCircuitOpenSeconds = read.integer("SYNC_CIRCUIT_OPEN_SECONDS", 120, 1, 24 * 3600);
        awsAccessKeyId = read.secret("AWS_ACCESS_KEY_ID");
        awsSecretAccessKey = read.secret("AWS_SECRET_ACCESS_KEY");
        awsRegion = read.text("AWS_REGION", "us-east-1");

        matcher = MatcherKind.fromSetting(read.choice("MATCHER", "local", MatcherKind.settings().toArray(String[]::new)));
        // one collection per gateway by default: each indexes and deletes the faces of its own photos
        rekognitionCollectionId = read.text("REKOGNITION_COLLECTION_ID", "presenca-" + deviceId);
        String endpoint = read.url("REKOGNITION_ENDPOINT");
        rekognitionEndpoint = endpoint == null ? null : URI.create(endpoint);
        rekognitionTps = read.decimal("REKOGNITION_TPS", 5, 0.1, 1000);
        rekognitionFrameBudgetMs = read.integer("REKOGNITION_FRAME_BUDGET_MS", 300, 0, 60_000);
        rekognitionTimeoutMs = read.integer("REKOGNITION_TIMEOUT_MS", 3000, 100, 60_000);
        rekognitionRetrySeconds = read.integer("REKOGNITION_RETRY_SECONDS", 30, 1, 3600);
        rekognitionQualityFilter = read.choice("REKOGNITION_QUALITY_FILTER", "AUTO",
                "NONE", "AUTO", "LOW", "MEDIUM", "HIGH");
        rekognitionReverify = read.flag("REKOGNITION_REVERIFY", false);

        managementHost = read.text("MANAGEMENT_HOST", "127.0.0.1");
        managementPort = read.integer("MANAGEMENT_PORT", 8080, 1, 65_535);
        dashboardAdminPassword = read.secret("DASHBOARD_ADMIN_PASSWORD");
        routesDir = read.path("ROUTES_DIR", "routes");
        logSummarySeconds = read.integer("LOG_SUMMARY_SECONDS", 60, 1, 86_400);
        timetable = read.path("TIMETABLE", "timetable.csv");
        timetableReloadSeconds = read.integer("TIMETABLE_RELOAD_SECONDS", 30, 1, 86_400);
        lateAfterMinutes = read.integer("LATE_AFTER_MINUTES", 10, 0, 24 * 60);
        lessonEarlyMinutes = read.integer("LESSON_EARLY_MINUTES", 10, 0, 24 * 60);
        lessonCatchUpDays = read.integer("LESSON_CATCH_UP_DAYS", 7, 1, 366);
        webhookUrl = read.url("WEBHOOK_URL");
        webhookApiKey = read.secret("WEBHOOK_API_KEY");
        webhookRetries = read.integer("WEBHOOK_RETRIES", 3, 0, 100);
        webhookTimeoutSeconds = read.integer("WEBHOOK_TIMEOUT_SECONDS", 10, 1, 600);
        eventRetrySeconds = read.integer("EVENT_RETRY_SECONDS", 30, 1, 86_400);
        smtpHost = read.text("SMTP_HOST", null);
        smtpPort = read.integer("SMTP_PORT", 25, 1, 65_535);
        smtpUser = read.text("SMTP_USER", null);
        smtpPassword = read.secret("SMTP_PASSWORD");
        mailFrom = read.text("MAIL_FROM", "presenca@" + deviceId);
        officeEmail = read.text("OFFICE_EMAIL", null);
        absenceSummaryTime = time("ABSENCE_SUMMARY_TIME", read.text("ABSENCE_SUMMARY_TIME", "17:00"));
        requireConsent = read.flag("REQUIRE_CONSENT", true);
        eraseAttendance = EraseAttendance.valueOf(read.choice("ERASE_ATTENDANCE", "keep",
                "keep", "pseudonymise", "delete").toUpperCase());
        evidenceRetentionDays = read.integer("EVIDENCE_RETENTION_DAYS", 7, 1, 3650);
        keepUnknownCrops = read.flag("KEEP_UNKNOWN_CROPS", false);
        presencaKey = read.secret("PRESENCA_KEY");
        presencaKeyFile = read.path("PRESENCA_KEY_FILE", null);

        if (deviceId == null || !deviceId.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw SettingsReader.invalid("DEVICE_ID", String.valueOf(deviceId),
                    "letters, digits, '.', '_' or '-', at most 64 characters");
        }
        // Rekognition's own rule for collection ids
        if (!rekognitionCollectionId.matches("[a-zA-Z0-9_.\\-]{1,255}")) {
            throw SettingsReader.invalid("REKOGNITION_COLLECTION_ID", rekognitionCollectionId,
                    "letters, digits, '.', '_' or '-', at most 255 characters");
        }
        if (postgresSslRootCert != null && !java.nio.file.Files.isRegularFile(postgresSslRootCert)) {
            throw SettingsReader.invalid("POSTGRES_SSLROOTCERT", postgresSslRootCert.toString(),
                    "the path of a readable CA certificate file (PEM)");
        }
        effective = Collections.unmodifiableMap(read.effective());
        given = Collections.unmodifiableMap(read.given());
        Set<String> sensitive = new TreeSet<>(read.sensitive());
        // a camera URL may carry a token where a password would be: never shown by Camel, whatever it holds
        sensitive.add("CAMERA_SOURCE");
        sensitiveNames = Collections.unmodifiableSet(sensitive);
    }

    public static Settings load(Function<String, Optional<String>> sources) {
        return new Settings(new SettingsReader(sources));
    }

    public static Settings fromProcess() {
        return load(SettingSources.ofProcess());
    }

    /** The process's settings with some replaced, e.g. a benchmark's throw-away database. */
    public static Settings fromProcessWith(Map<String, String> overrides) {
        SettingSources process = SettingSources.ofProcess();
        return load(name -> Optional.ofNullable(overrides.get(name)).or(() -> process.apply(name)));
    }

    /**
     * Every setting by its name, as given (secrets included), one not set as empty: what Camel's property
     * placeholders ({@code {{ATTENDANCE_SYNC_INTERVAL}}}) resolve to. Empty rather than missing, so that
     * Camel does not look for it again in the environment, where an empty variable means "not set" here.
     */
    public Properties asProperties() {
        Properties properties = new Properties();
        effective.keySet().forEach(name -> properties.setProperty(name, given.getOrDefault(name, "")));
        return properties;
    }

    /** The names whose values must never be logged (secrets, a camera URL): Camel masks them in its start-up log. */
    public Set<String> sensitiveNames() {
        return sensitiveNames;
    }

    /** Name = value lines for the start-up log; secrets show as ****. */
    public String describe() {
        return effective.entrySet().stream().map(e -> "  " + e.getKey() + " = " + e.getValue())
                .collect(Collectors.joining(System.lineSeparator()));
    }

    /** The attendance-event webhook runs only where WEBHOOK_URL is set. */
    public boolean webhookEnabled() {
        return webhookUrl != null;
    }

    /** The daily absence e-mail is sent only where both the SMTP server and the office's address are set. */
    public boolean absenceMailEnabled() {
        return smtpHost != null && officeEmail != null;
    }

    private static java.time.LocalTime time(String name, String value) {
        try {
            return java.time.LocalTime.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw SettingsReader.invalid(name, value, "a time of day like 17:00");
        }
    }

    /** Central sync runs only where the school's validation API is configured. */
    public boolean centralSyncEnabled() {
        return externalApiUrl != null;
    }

    /** How often pending attendance is sent: ATTENDANCE_SYNC_INTERVAL_SECONDS if set, else the minutes. */
    public java.time.Duration attendanceSyncPeriod() {
        return attendanceSyncIntervalSeconds > 0 ? java.time.Duration.ofSeconds(attendanceSyncIntervalSeconds)
                : java.time.Duration.ofMinutes(attendanceSyncInterval);
    }

    public Map<String, String> effective() {
        return effective;
    }

    /** Beside the database's folder, not in it: a full or damaged data folder does not take the spill with it. */
    private static Path defaultSpillPath(Path sqlitePath) {
        Path folder = sqlitePath.toAbsolutePath().normalize().getParent();
        Path above = folder.getParent() != null ? folder.getParent() : folder;
        return above.resolve("attendance-waiting.jsonl");
    }

    private static String hostName() {
        try {
            String host = InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._-]", "-");
            return host.isEmpty() ? "gateway" : host;
        } catch (UnknownHostException e) {
            return "gateway";
        }
    }
}
