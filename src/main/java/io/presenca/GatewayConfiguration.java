package io.presenca;

import io.presenca.attendance.AttendanceRecorder;
import io.presenca.attendance.Consensus;
import io.presenca.attendance.FailedFrames;
import io.presenca.attendance.NegativeCheck;
import io.presenca.attendance.NegativeFaces;
import io.presenca.attendance.ReviewQueue;
import io.presenca.config.Settings;
import io.presenca.events.AbsenceSummaries;
import io.presenca.events.EventDispatcher;
import io.presenca.lessons.CentralLessons;
import io.presenca.lessons.LessonAttendance;
import io.presenca.lessons.TimetableSource;
import io.presenca.matching.FrameMatcher;
import io.presenca.monitoring.CaptureLogSummary;
import io.presenca.monitoring.Operations;
import io.presenca.monitoring.PipelineStats;
import io.presenca.privacy.EvidenceRetention;
import io.presenca.rekognition.CollectionSync;
import io.presenca.rekognition.FallbackRecheck;
import io.presenca.store.ReviewStore;
import io.presenca.students.EnrollmentRefresh;
import io.presenca.sync.CentralSync;
import io.presenca.tracking.FaceTracker;
import io.presenca.vision.FaceEmbedder;
import io.presenca.vision.FaceFinder;
import io.presenca.vision.QualityGate;
import io.presenca.web.Dashboard;
import java.time.Clock;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.main.Main;

/**
 * The gateway's beans, bound under the names the YAML routes in {@code routes/} use ({@code ref: frameMatcher}),
 * each named after what it is, and the settings the routes read by name ({@code {{CAMERA_SOURCE}}}).
 * Parts come from {@link Gateway}. The ones the routes, the health checks, the dashboard and the closing
 * summary share are built here once; a model-backed part is bound lazily, and a part only some settings
 * need (Rekognition's, the central checks) is not bound without them.
 */
public final class GatewayConfiguration implements CamelConfiguration {

    private final Gateway gateway;
    private final Settings settings;
    private final QualityGate qualityGate;
    private final FrameMatcher frameMatcher;
    private final AttendanceRecorder attendanceRecorder;
    private final ReviewQueue reviewQueue;
    private final FailedFrames failedFrames = new FailedFrames();
    private final EnrollmentRefresh enrollmentRefresh;
    private final CentralSync centralSync;
    private final PipelineStats stats;
    private final CaptureLogSummary captureLogSummary;
    private final Operations operations;

    /** Reads back the attendance a previous run left waiting (see {@link Gateway#attendanceRecorder()}). */
    GatewayConfiguration(Gateway gateway, String appVersion) {
        this.gateway = gateway;
        this.settings = gateway.settings();
        this.qualityGate = gateway.qualityGate();
        this.frameMatcher = gateway.frameMatcher();
        this.attendanceRecorder = gateway.attendanceRecorder();
        this.reviewQueue = gateway.reviewQueue();
        this.enrollmentRefresh = new EnrollmentRefresh(gateway.enrollment(), gateway.galleryLoader());
        this.centralSync = gateway.centralSync(appVersion);
        this.stats = new PipelineStats(qualityGate, frameMatcher, attendanceRecorder, reviewQueue, failedFrames,
                new ReviewStore(gateway.database()), centralSync.queue());
        this.captureLogSummary = new CaptureLogSummary(stats);
        this.operations = new Operations(settings, stats, gateway.database(), centralSync,
                settings.matcher.usesRekognition() ? gateway.rekognition().link() : null);
    }

    /**
     * Hands Camel the settings, this configuration's beans, the sync beans, the management server and
     * the dashboard. {@code exitAtEnd}: the {@code --exit-at-end} option, EXIT_AT_END given on the command line.
     */
    void addTo(Main main, boolean exitAtEnd) {
        // the sync beans, and the settings every route reads: CentralSync hands them, as for sync-only runs
        centralSync.bindTo(main, true, gateway.galleryLoader());
        main.configure().addConfiguration(this);
        // after the settings: the option wins over the setting
        main.addOverrideProperty("EXIT_AT_END", Boolean.toString(exitAtEnd));
        operations.enable(main);
        new Dashboard(settings, gateway.database(), centralSync, stats, gateway.lessonAttendance(),
                gateway.lessonCorrections()).bindTo(main);
    }

    // capture: routes/capture.camel.yaml

    @BindToRegistry(value = "faceFinder", lazy = true)
    public FaceFinder faceFinder() {
        return gateway.faceFinder();
    }

    @BindToRegistry("qualityGate")
    public QualityGate qualityGate() {
        return qualityGate;
    }

    @BindToRegistry("faceTracker")
    public FaceTracker faceTracker() {
        return gateway.faceTracker();
    }

    @BindToRegistry(value = "faceEmbedder", lazy = true)
    public FaceEmbedder faceEmbedder() {
        return gateway.faceEmbedder();
    }

    /** The local matcher, or Rekognition's around it, as MATCHER says. */
    @BindToRegistry("frameMatcher")
    public FrameMatcher frameMatcher() {
        return frameMatcher;
    }

    @BindToRegistry("consensus")
    public Consensus consensus() {
        return gateway.consensus();
    }

    @BindToRegistry("negativeCheck")
    public NegativeCheck negativeCheck() {
        return gateway.negativeCheck();
    }

    /** Not in a bundled route: for a school's route that teaches from voids ({@code learnFromVoid}). */
    @BindToRegistry("negativeFaces")
    public NegativeFaces negativeFaces() {
        return gateway.negativeFaces();
    }

    @BindToRegistry("attendanceRecorder")
    public AttendanceRecorder attendanceRecorder() {
        return attendanceRecorder;
    }

    @BindToRegistry("reviewQueue")
    public ReviewQueue reviewQueue() {
        return reviewQueue;
    }

    @BindToRegistry("failedFrames")
    public FailedFrames failedFrames() {
        return failedFrames;
    }

    // upkeep: enrollment, retention, log summary and Rekognition routes

    @BindToRegistry("enrollmentRefresh")
    public EnrollmentRefresh enrollmentRefresh() {
        return enrollmentRefresh;
    }

    @BindToRegistry("evidenceRetention")
    public EvidenceRetention evidenceRetention() {
        return gateway.evidenceRetention();
    }

    @BindToRegistry("captureLogSummary")
    public CaptureLogSummary captureLogSummary() {
        return captureLogSummary;
    }

    /** Only where MATCHER uses Rekognition: its routes are loaded only then. */
    @BindToRegistry("collectionSync")
    public CollectionSync collectionSync() {
        return settings.matcher.usesRekognition() ? gateway.rekognition().collectionSync() : null;
    }

    /** Only where MATCHER uses Rekognition: its routes are loaded only then. */
    @BindToRegistry("fallbackRecheck")
    public FallbackRecheck fallbackRecheck() {
        return settings.matcher.usesRekognition() ? gateway.fallbackRecheck() : null;
    }

    // a school day: routes/lessons.camel.yaml and routes/notifications.camel.yaml

    @BindToRegistry("timetableSource")
    public TimetableSource timetableSource() {
        return gateway.lessonAttendance().timetable();
    }

    @BindToRegistry("lessonAttendance")
    public LessonAttendance lessonAttendance() {
        return gateway.lessonAttendance();
    }

    /** Bound even with central sync off: its routes then do not start, but they name the bean. */
    @BindToRegistry("centralLessons")
    public CentralLessons centralLessons() {
        return new CentralLessons(centralSync.centralDatabase(), gateway.database(), settings.deviceId, Clock.systemUTC());
    }

    @BindToRegistry("eventDispatcher")
    public EventDispatcher eventDispatcher() {
        return new EventDispatcher(gateway.eventOutbox());
    }

    @BindToRegistry("absenceSummaries")
    public AbsenceSummaries absenceSummaries() {
        return new AbsenceSummaries(gateway.database(), gateway.lessonAttendance(), settings.absenceSummaryTime,
                Clock.systemUTC());
    }

    // what an IT person watches: Camel finds the health checks by type (Operations binds the meter registry)

    @BindToRegistry("cameraHealth")
    public HealthCheck cameraHealth() {
        return operations.cameraHealth();
    }

    @BindToRegistry("sqliteHealth")
    public HealthCheck sqliteHealth() {
        return operations.sqliteHealth();
    }

    @BindToRegistry("postgresqlHealth")
    public HealthCheck postgresqlHealth() {
        return operations.postgresqlHealth();
    }

    @BindToRegistry("externalApiHealth")
    public HealthCheck externalApiHealth() {
        return operations.externalApiHealth();
    }

    @BindToRegistry("rekognitionHealth")
    public HealthCheck rekognitionHealth() {
        return operations.rekognitionHealth();
    }
}
