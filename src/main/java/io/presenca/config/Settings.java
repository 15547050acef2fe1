package io.presenca.config;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every setting of the gateway, read once at start from the environment (see {@link SettingSources}),
 * validated, and immutable afterwards. Names are the environment variables the school sets.
 */
public final class Settings {

    // recognition and attendance
    public final double faceRecognitionThreshold;
    public final double matchMargin;
    public final double reviewBand;
    public final int minutesBeforeNextCapture;
    public final int consensusMinFrames;
    public final int consensusWindowFrames;
    public final int consensusWindowSeconds;
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
    public final Path modelsDir;
    public final int enrollmentRescanSeconds;
    public final String deviceId;
    // sync (used by the sync manager)
    public final int studentSyncInterval;
    public final int attendanceSyncInterval;
    public final int cleanupDays;
    public final String postgresDb;
    public final String postgresUser;
    public final String postgresPassword;
    public final String postgresHost;
    public final int postgresPort;
    public final String externalApiUrl;
    public final String externalApiKey;
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

    private final Map<String, String> effective;

    private Settings(SettingsReader read) {
        faceRecognitionThreshold = read.decimal("FACE_RECOGNITION_THRESHOLD", 95, 50, 99.9);
        matchMargin = read.decimal("MATCH_MARGIN", 25, 0, 100);
        reviewBand = read.decimal("REVIEW_BAND", 1, 0, 20);
        minutesBeforeNextCapture = read.integer("MINUTES_BEFORE_NEXT_CAPTURE", 10, 0, 24 * 60);
        consensusMinFrames = read.integer("CONSENSUS_MIN_FRAMES", 2, 1, 30);
        consensusWindowFrames = read.integer("CONSENSUS_WINDOW_FRAMES", 5, consensusMinFrames, 300);
        consensusWindowSeconds = read.integer("CONSENSUS_WINDOW_SECONDS", 10, 1, 600);

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
        modelsDir = read.path("MODELS_DIR", null);
        enrollmentRescanSeconds = read.integer("ENROLLMENT_RESCAN_SECONDS", 30, 1, 86_400);
        deviceId = read.text("DEVICE_ID", hostName());

        studentSyncInterval = read.integer("STUDENT_SYNC_INTERVAL", 60, 1, 7 * 24 * 60);
        attendanceSyncInterval = read.integer("ATTENDANCE_SYNC_INTERVAL", 5, 1, 24 * 60);
        cleanupDays = read.integer("CLEANUP_DAYS", 30, 1, 3650);
        postgresDb = read.text("POSTGRES_DB", "attendance");
        postgresUser = read.text("POSTGRES_USER", "postgres");
        postgresPassword = read.secret("POSTGRES_PASSWORD");
        postgresHost = read.text("POSTGRES_HOST", "localhost");
        postgresPort = read.integer("POSTGRES_PORT", 5435, 1, 65_535);
        externalApiUrl = read.text("EXTERNAL_API_URL", null);
        externalApiKey = read.secret("EXTERNAL_API_KEY");
        awsAccessKeyId = read.secret("AWS_ACCESS_KEY_ID");
        awsSecretAccessKey = read.secret("AWS_SECRET_ACCESS_KEY");
        awsRegion = read.text("AWS_REGION", "us-east-1");

        matcher = MatcherKind.fromSetting(read.choice("MATCHER", "local", MatcherKind.settings()));
        // one collection per gateway by default: each indexes and deletes the faces of its own photos
        rekognitionCollectionId = read.text("REKOGNITION_COLLECTION_ID", "presenca-" + deviceId);
        rekognitionEndpoint = read.url("REKOGNITION_ENDPOINT");
        rekognitionTps = read.decimal("REKOGNITION_TPS", 5, 0.1, 1000);
        rekognitionFrameBudgetMs = read.integer("REKOGNITION_FRAME_BUDGET_MS", 300, 0, 60_000);
        rekognitionTimeoutMs = read.integer("REKOGNITION_TIMEOUT_MS", 3000, 100, 60_000);
        rekognitionRetrySeconds = read.integer("REKOGNITION_RETRY_SECONDS", 30, 1, 3600);
        rekognitionQualityFilter = read.choice("REKOGNITION_QUALITY_FILTER", "AUTO",
                List.of("NONE", "AUTO", "LOW", "MEDIUM", "HIGH"));
        rekognitionReverify = read.flag("REKOGNITION_REVERIFY", false);

        if (deviceId == null || !deviceId.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw SettingsReader.invalid("DEVICE_ID", String.valueOf(deviceId),
                    "letters, digits, '.', '_' or '-', at most 64 characters");
        }
        // Rekognition's own rule for collection ids
        if (!rekognitionCollectionId.matches("[a-zA-Z0-9_.\\-]{1,255}")) {
            throw SettingsReader.invalid("REKOGNITION_COLLECTION_ID", rekognitionCollectionId,
                    "letters, digits, '.', '_' or '-', at most 255 characters");
        }
        effective = Collections.unmodifiableMap(read.effective());
    }

    public static Settings load(Function<String, Optional<String>> sources) {
        return new Settings(new SettingsReader(sources));
    }

    public static Settings fromProcess() {
        return load(SettingSources.ofProcess());
    }

    /** Name = value lines for the start-up log; secrets show as ****. */
    public String describe() {
        return effective.entrySet().stream().map(e -> "  " + e.getKey() + " = " + e.getValue())
                .collect(Collectors.joining(System.lineSeparator()));
    }

    public Map<String, String> effective() {
        return effective;
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
