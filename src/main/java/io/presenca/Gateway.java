package io.presenca;

import io.presenca.attendance.AttendanceRecorder;
import io.presenca.attendance.SpillFile;
import io.presenca.attendance.WaitingAttendance;
import io.presenca.attendance.Consensus;
import io.presenca.attendance.NegativeCheck;
import io.presenca.attendance.NegativeFaces;
import io.presenca.attendance.ReviewQueue;
import io.presenca.config.Settings;
import io.presenca.events.EventOutbox;
import io.presenca.lessons.LessonAttendance;
import io.presenca.lessons.LessonCorrections;
import io.presenca.lessons.VoidListener;
import io.presenca.lessons.TimetableSource;
import io.presenca.matching.DecisionRule;
import io.presenca.matching.FaceMatcher;
import io.presenca.matching.FrameMatcher;
import io.presenca.matching.Gallery;
import io.presenca.matching.GalleryLoader;
import io.presenca.matching.RecognitionThreshold;
import io.presenca.matching.UnknownFaces;
import io.presenca.privacy.ErasureCheck;
import io.presenca.privacy.EvidenceRetention;
import io.presenca.privacy.StudentEraser;
import io.presenca.privacy.UnknownFaceArchive;
import io.presenca.rekognition.FaceCollection;
import io.presenca.rekognition.FallbackRecheck;
import io.presenca.rekognition.RekognitionServices;
import io.presenca.store.AttendanceStore;
import io.presenca.store.BlobCipher;
import io.presenca.store.Database;
import io.presenca.store.DeviceStore;
import io.presenca.store.NegativeFaceStore;
import io.presenca.store.ReviewStore;
import io.presenca.store.TemplateStore;
import io.presenca.store.UnknownFaceStore;
import io.presenca.students.Enrollment;
import io.presenca.sync.CentralDatabase;
import io.presenca.sync.CentralSync;
import io.presenca.tracking.FaceTracker;
import io.presenca.vision.DescriptorModel;
import io.presenca.vision.FaceAligner;
import io.presenca.vision.FaceDetector;
import io.presenca.vision.FaceEmbedder;
import io.presenca.vision.FaceFinder;
import io.presenca.vision.ModelFiles;
import io.presenca.vision.PhotoFaceReader;
import io.presenca.vision.QualityGate;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The gateway's parts, built from the settings; the costly ones (database, models) once and only when
 * first needed, so {@code export} never loads a model. Commands use the parts directly; a gateway run
 * binds them for the routes through {@link GatewayConfiguration}.
 */
public final class Gateway implements AutoCloseable {

    private final Settings settings;
    private final Lazy<Database> database;
    private final Lazy<FaceDetector> detector;
    /** One per descriptor model, built only when asked for: the gateway loads just the DESCRIPTORS one. */
    private final Map<DescriptorModel, Lazy<FaceEmbedder>> embedders = new EnumMap<>(DescriptorModel.class);
    private final QualityGate qualityGate;
    private final Gallery gallery;
    private final FaceAligner aligner;
    private final DecisionRule decisionRule;
    private final Lazy<RekognitionServices> rekognition;
    private final Lazy<FallbackRecheck> fallbackRecheck;
    private final Lazy<LessonAttendance> lessonAttendance;
    private final FaceTracker faceTracker;

    public Gateway(Settings settings) {
        this(settings, UnaryOperator.identity());
    }

    /** {@code opened} sees the database once opened: tests put a fault between the gateway and SQLite there. */
    Gateway(Settings settings, UnaryOperator<Database> opened) {
        this.settings = settings;
        this.decisionRule = new DecisionRule(new RecognitionThreshold(settings.faceRecognitionThreshold),
                settings.matchMargin, settings.reviewBand);
        ModelFiles models = new ModelFiles(settings.modelsDir);
        this.database = new Lazy<>(() -> opened.apply(openDatabase(settings)));
        this.detector = new Lazy<>(() -> new FaceDetector(models.load(ModelFiles.Model.FACE_DETECTOR),
                (float) settings.detectionScore, settings.detectionMaxSide));
        for (DescriptorModel model : DescriptorModel.values()) {
            embedders.put(model, new Lazy<>(() -> new FaceEmbedder(model, models.load(model.file()),
                    settings.inferenceThreads)));
        }
        this.gallery = new Gallery(settings.descriptors);
        this.aligner = new FaceAligner(settings.descriptors.layout());
        this.qualityGate = new QualityGate(qualityLimits(settings));
        this.rekognition = new Lazy<>(() -> new RekognitionServices(settings, database()));
        this.fallbackRecheck = new Lazy<>(() -> rekognition().fallbackRecheck(decisionRule));
        this.lessonAttendance = new Lazy<>(() -> new LessonAttendance(database(),
                new TimetableSource(settings.timetable, database()), settings.deviceId, settings.lateAfterMinutes,
                settings.lessonEarlyMinutes, settings.lessonCatchUpDays, ZoneId.systemDefault(), Clock.systemUTC()));
        // a track nobody is near settles once consensus has seen a full window of it; one unseen for a
        // window and a re-check is gone
        this.faceTracker = new FaceTracker(settings.descriptors, settings.consensusWindowFrames, settings.trackRecheckFrames,
                settings.consensusWindowFrames + settings.trackRecheckFrames);
    }

    /** Brightness and pose limits are fixed: LFW-dev's 99.5th percentiles are yaw 0.44 and pitch 0.28. */
    /**
     * The SQLite database with its encryption key: PRESENCA_KEY if set, else the file PRESENCA_KEY_FILE,
     * else presenca.key beside the database (created on first start, 0600).
     */
    public static Database openDatabase(Settings settings) {
        BlobCipher cipher = settings.presencaKey != null
                ? BlobCipher.ofBase64(settings.presencaKey, "PRESENCA_KEY")
                : settings.presencaKeyFile != null ? BlobCipher.fromKeyFile(settings.presencaKeyFile) : null;
        return Database.open(settings.sqlitePath, cipher);
    }

    public static QualityGate.Limits qualityLimits(Settings settings) {
        return new QualityGate.Limits(settings.minFaceSize, settings.minFaceSharpness, 40, 220, 0.45, 0.35);
    }

    public Settings settings() {
        return settings;
    }

    public Database database() {
        return database.get();
    }

    public FaceDetector faceDetector() {
        return detector.get();
    }

    /** The DESCRIPTORS model's embedder. */
    public FaceEmbedder faceEmbedder() {
        return faceEmbedder(settings.descriptors);
    }

    /** Another model's embedder, for evaluation and benchmarks that compare descriptors. */
    public FaceEmbedder faceEmbedder(DescriptorModel model) {
        return embedders.get(model).get();
    }

    public QualityGate qualityGate() {
        return qualityGate;
    }

    public FaceFinder faceFinder() {
        // a remote matcher needs each face cut from the frame while the frame is still there
        return new FaceFinder(faceDetector(), aligner, settings.matcher.usesRekognition());
    }

    public PhotoFaceReader photoFaceReader() {
        return photoFaceReader(settings.descriptors);
    }

    /** Reads enrollment photos (quality gate included) into descriptors of {@code model}. */
    public PhotoFaceReader photoFaceReader(DescriptorModel model) {
        return new PhotoFaceReader(faceDetector(), new FaceAligner(model.layout()), qualityGate, faceEmbedder(model));
    }

    /** Reads every face of benchmark photos: no quality gate, and the central face of a crowded photo. */
    public PhotoFaceReader benchmarkPhotoReader(DescriptorModel model) {
        return new PhotoFaceReader(faceDetector(), new FaceAligner(model.layout()),
                new QualityGate(QualityGate.Limits.NONE), faceEmbedder(model), true);
    }

    public Enrollment enrollment() {
        return new Enrollment(settings.facesDir, photoFaceReader(), database(), settings.requireConsent);
    }

    public GalleryLoader galleryLoader() {
        return new GalleryLoader(new TemplateStore(database()), gallery, settings.requireConsent);
    }

    public FaceMatcher faceMatcher() {
        UnknownFaces unknown = settings.keepUnknownCrops
                ? new UnknownFaceArchive(new UnknownFaceStore(database()), settings.deviceId) : UnknownFaces.FORGOTTEN;
        return new FaceMatcher(gallery, decisionRule, unknown);
    }

    /** The capture route's {@code frameMatcher}: the local one, or Rekognition's around it, as MATCHER says. */
    public FrameMatcher frameMatcher() {
        FaceMatcher local = faceMatcher();
        return settings.matcher.usesRekognition() ? rekognition().matcher(local) : local;
    }

    /** The Rekognition client and its parts; built on first use, without calling AWS. */
    public RekognitionServices rekognition() {
        return rekognition.get();
    }

    /** Queues local-fallback records for a check with Rekognition, and runs the checks. */
    public FallbackRecheck fallbackRecheck() {
        return fallbackRecheck.get();
    }

    /** The capture route's {@code faceTracker}; consensus tells it which faces are decided. */
    public FaceTracker faceTracker() {
        return faceTracker;
    }

    public Consensus consensus() {
        return new Consensus(settings.consensusMinFrames, settings.consensusWindowFrames,
                Duration.ofSeconds(settings.consensusWindowSeconds), decisionRule, faceTracker);
    }

    public DecisionRule decisionRule() {
        return decisionRule;
    }

    /**
     * Reads back the attendance a previous run left waiting in SPILL_PATH: build it once per run. Every record
     * keeps its face for a later void to teach from; offline fallbacks are also queued for Rekognition.
     */
    public AttendanceRecorder attendanceRecorder() {
        // each record's lesson status and event are written in the record's own transaction
        AttendanceStore store = new AttendanceStore(database(), lessonAttendance());
        WaitingAttendance waiting = new WaitingAttendance(new SpillFile(settings.spillPath), WaitingAttendance.CAPACITY);
        Duration window = Duration.ofMinutes(settings.minutesBeforeNextCapture);
        NegativeFaces keepFace = negativeFaces();
        AttendanceRecorder.AfterRecord afterRecord = settings.matcher.usesRekognition() && settings.rekognitionReverify
                ? (record, identification) -> {
                    fallbackRecheck().recorded(record, identification);
                    keepFace.recorded(record, identification);
                }
                : keepFace;
        return new AttendanceRecorder(store, waiting, database().file(), settings.deviceId, window, afterRecord);
    }

    /** Lesson statuses from the timetable (TIMETABLE, or the central copy) and the sightings. */
    public LessonAttendance lessonAttendance() {
        return lessonAttendance.get();
    }

    /** Marks and voids made by staff (dashboard, {@code mark} and {@code void} commands); a void teaches a negative. */
    public LessonCorrections lessonCorrections() {
        NegativeFaces negatives = negativeFaces();
        return new LessonCorrections(database(), lessonAttendance(), settings.deviceId, settings.lessonEarlyMinutes,
                negatives::learnFromVoid);
    }

    /** Attendance events waiting for the notification routes. */
    public EventOutbox eventOutbox() {
        return new EventOutbox(database(), Duration.ofSeconds(settings.eventRetrySeconds), Clock.systemUTC());
    }

    /** Corrections that teach: {@code learnFromVoid} for a voided automatic record (rejects teach by themselves). */
    public NegativeFaces negativeFaces() {
        return new NegativeFaces(new NegativeFaceStore(database()), settings.descriptors.storedName());
    }

    /** The capture route's {@code negativeCheck}: a face like a corrected one goes to review. */
    public NegativeCheck negativeCheck() {
        return new NegativeCheck(new NegativeFaceStore(database()), settings.descriptors);
    }

    public ReviewQueue reviewQueue() {
        return new ReviewQueue(new ReviewStore(database()), settings.deviceId,
                Duration.ofMinutes(settings.minutesBeforeNextCapture), settings.descriptors.storedName());
    }

    public CentralSync centralSync(String appVersion) {
        return new CentralSync(settings, database(), appVersion);
    }

    /** Erases students everywhere this gateway's settings reach (Rekognition and PostgreSQL when configured). */
    public StudentEraser studentEraser() {
        return new StudentEraser(settings.facesDir, database(), erasableCollection(), erasableCentral());
    }

    /** Checks the same stores for what an erasure should have removed. */
    public ErasureCheck erasureCheck() {
        return new ErasureCheck(settings.facesDir, database(), erasableCollection(), erasableCentral());
    }

    /** The daily retention step: old evidence, and face data left of withdrawn consents. */
    public EvidenceRetention evidenceRetention() {
        return new EvidenceRetention(database(), settings.facesDir, settings.evidenceRetentionDays,
                studentEraser(), Clock.systemUTC());
    }

    private FaceCollection erasableCollection() {
        return settings.matcher.usesRekognition() ? rekognition().collection() : null;
    }

    private CentralDatabase erasableCentral() {
        return settings.centralSyncEnabled() ? new CentralDatabase(settings) : null;
    }

    public void registerDevice(String appVersion) {
        new DeviceStore(database()).register(settings.deviceId, settings.deviceId, appVersion);
    }

    @Override
    public void close() {
        detector.ifBuilt(FaceDetector::close);
        embedders.values().forEach(embedder -> embedder.ifBuilt(FaceEmbedder::close));
        rekognition.ifBuilt(RekognitionServices::close);
    }

    /** Built on first use, once. */
    private static final class Lazy<T> {
        private final Supplier<T> factory;
        private T value;

        Lazy(Supplier<T> factory) {
            this.factory = factory;
        }

        synchronized T get() {
            if (value == null) {
                value = factory.get();
            }
            return value;
        }

        synchronized void ifBuilt(java.util.function.Consumer<T> action) {
            if (value != null) {
                action.accept(value);
            }
        }
    }
}
