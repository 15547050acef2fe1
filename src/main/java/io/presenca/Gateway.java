package io.presenca;

import io.presenca.attendance.AttendanceRecorder;
import io.presenca.attendance.Consensus;
import io.presenca.config.Settings;
import io.presenca.matching.FaceMatcher;
import io.presenca.matching.Gallery;
import io.presenca.matching.GalleryLoader;
import io.presenca.matching.RecognitionThreshold;
import io.presenca.store.AttendanceStore;
import io.presenca.store.Database;
import io.presenca.store.DeviceStore;
import io.presenca.store.StudentStore;
import io.presenca.store.TemplateStore;
import io.presenca.students.Enrollment;
import io.presenca.sync.CentralSync;
import io.presenca.vision.FaceAligner;
import io.presenca.vision.FaceDetector;
import io.presenca.vision.FaceEmbedder;
import io.presenca.vision.FaceFinder;
import io.presenca.vision.ModelFiles;
import io.presenca.vision.PhotoFaceReader;
import io.presenca.vision.QualityGate;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The gateway's parts, built once from the settings; the costly ones (database, models) only when
 * first needed, so {@code export} never loads a model. Camel binds them by name for the routes.
 */
public final class Gateway implements AutoCloseable {

    private final Settings settings;
    private final Lazy<Database> database;
    private final Lazy<FaceDetector> detector;
    private final Lazy<FaceEmbedder> embedder;
    private final QualityGate qualityGate;
    private final Gallery gallery = new Gallery();
    private final FaceAligner aligner = new FaceAligner();
    private final RecognitionThreshold threshold;

    public Gateway(Settings settings) {
        this.settings = settings;
        this.threshold = new RecognitionThreshold(settings.faceRecognitionThreshold);
        ModelFiles models = new ModelFiles(settings.modelsDir);
        this.database = new Lazy<>(() -> Database.open(settings.sqlitePath));
        this.detector = new Lazy<>(() -> new FaceDetector(models.load(ModelFiles.Model.FACE_DETECTOR),
                (float) settings.detectionScore, settings.detectionMaxSide));
        this.embedder = new Lazy<>(() -> new FaceEmbedder(models.load(ModelFiles.Model.FACE_DESCRIPTOR),
                settings.inferenceThreads));
        this.qualityGate = new QualityGate(qualityLimits(settings));
    }

    /** Brightness and pose limits are fixed: LFW-dev's 99.5th percentiles are yaw 0.44 and pitch 0.28. */
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

    public FaceEmbedder faceEmbedder() {
        return embedder.get();
    }

    public QualityGate qualityGate() {
        return qualityGate;
    }

    public FaceFinder faceFinder() {
        return new FaceFinder(faceDetector(), aligner);
    }

    public PhotoFaceReader photoFaceReader() {
        return new PhotoFaceReader(faceDetector(), aligner, qualityGate, faceEmbedder());
    }

    public Enrollment enrollment() {
        return new Enrollment(settings.facesDir, photoFaceReader(), database());
    }

    public GalleryLoader galleryLoader() {
        return new GalleryLoader(new TemplateStore(database()), gallery, FaceEmbedder.MODEL_NAME);
    }

    public FaceMatcher faceMatcher() {
        return new FaceMatcher(gallery, threshold);
    }

    public Consensus consensus() {
        return new Consensus(settings.consensusMinFrames, settings.consensusWindowFrames,
                Duration.ofSeconds(settings.consensusWindowSeconds), threshold);
    }

    public AttendanceRecorder attendanceRecorder() {
        return new AttendanceRecorder(new AttendanceStore(database()), new StudentStore(database()), settings.deviceId,
                Duration.ofMinutes(settings.minutesBeforeNextCapture), "local");
    }

    public CentralSync centralSync(String appVersion) {
        return new CentralSync(settings, database(), appVersion);
    }

    public void registerDevice(String appVersion) {
        new DeviceStore(database()).register(settings.deviceId, settings.deviceId, appVersion);
    }

    @Override
    public void close() {
        detector.ifBuilt(FaceDetector::close);
        embedder.ifBuilt(FaceEmbedder::close);
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
