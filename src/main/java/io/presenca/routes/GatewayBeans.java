package io.presenca.routes;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.presenca.attendance.AttendanceRecorder;
import io.presenca.attendance.Consensus;
import io.presenca.attendance.FailedFrames;
import io.presenca.attendance.NegativeCheck;
import io.presenca.attendance.NegativeFaces;
import io.presenca.attendance.ReviewQueue;
import io.presenca.events.AbsenceSummaries;
import io.presenca.events.EventDispatcher;
import io.presenca.lessons.CentralLessons;
import io.presenca.lessons.LessonAttendance;
import io.presenca.lessons.TimetableSource;
import io.presenca.matching.FrameMatcher;
import io.presenca.matching.GalleryLoader;
import io.presenca.monitoring.CaptureLogSummary;
import io.presenca.privacy.EvidenceRetention;
import io.presenca.rekognition.CollectionSync;
import io.presenca.rekognition.FallbackRecheck;
import io.presenca.students.EnrollmentRefresh;
import io.presenca.sync.CentralAttendance;
import io.presenca.sync.CentralStudents;
import io.presenca.sync.ExternalApi;
import io.presenca.sync.PendingAttendance;
import io.presenca.sync.RecordCleanup;
import io.presenca.sync.StudentSync;
import io.presenca.sync.SyncAlerts;
import io.presenca.sync.SyncFailures;
import io.presenca.sync.SyncGate;
import io.presenca.tracking.FaceTracker;
import io.presenca.vision.FaceEmbedder;
import io.presenca.vision.FaceFinder;
import io.presenca.vision.QualityGate;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.health.HealthCheck;

/**
 * What the gateway gives its routes: the beans GatewayRun, CentralSync, Operations, Lessons and
 * Notifications bind today, and the {@code presenca.*} placeholders they set from the settings. Both
 * are stand-ins: once one configuration class binds every bean, {@link #catalogue()} is
 * {@code BeanCatalogue.fromConfiguration(GatewayConfiguration.class)}, and once routes read the
 * settings' own names ({@code {{SYNC_BATCH_SIZE}}}) {@link #placeholders()} is empty.
 */
public final class GatewayBeans {

    private GatewayBeans() {
    }

    public static BeanCatalogue catalogue() {
        return BeanCatalogue.of(Map.ofEntries(
                // capture (GatewayRun)
                Map.entry("faceFinder", FaceFinder.class),
                Map.entry("qualityGate", QualityGate.class),
                Map.entry("faceTracker", FaceTracker.class),
                Map.entry("faceEmbedder", FaceEmbedder.class),
                Map.entry("faceMatcher", FrameMatcher.class),
                Map.entry("consensus", Consensus.class),
                Map.entry("negativeCheck", NegativeCheck.class),
                Map.entry("negativeFaces", NegativeFaces.class),
                Map.entry("attendanceRecorder", AttendanceRecorder.class),
                Map.entry("reviewQueue", ReviewQueue.class),
                Map.entry("failedFrames", FailedFrames.class),
                Map.entry("enrollment", EnrollmentRefresh.class),
                Map.entry("evidenceRetention", EvidenceRetention.class),
                Map.entry("rekognitionCollection", CollectionSync.class),
                Map.entry("offlineRecords", FallbackRecheck.class),
                Map.entry("captureLogSummary", CaptureLogSummary.class),
                // central sync (CentralSync)
                Map.entry("syncGate", SyncGate.class),
                Map.entry("pendingAttendance", PendingAttendance.class),
                Map.entry("externalApi", ExternalApi.class),
                Map.entry("centralAttendance", CentralAttendance.class),
                Map.entry("syncFailures", SyncFailures.class),
                Map.entry("centralStudents", CentralStudents.class),
                Map.entry("studentSync", StudentSync.class),
                Map.entry("galleryLoader", GalleryLoader.class),
                Map.entry("recordCleanup", RecordCleanup.class),
                Map.entry("syncAlerts", SyncAlerts.class),
                Map.entry("externalApiCircuit", CircuitBreaker.class),
                // a school day (Lessons, Notifications)
                Map.entry("timetable", TimetableSource.class),
                Map.entry("lessonAttendance", LessonAttendance.class),
                Map.entry("centralLessons", CentralLessons.class),
                Map.entry("eventDispatcher", EventDispatcher.class),
                Map.entry("absenceSummaries", AbsenceSummaries.class),
                // monitoring (Operations): health checks Camel calls itself
                Map.entry("metricsRegistry", PrometheusMeterRegistry.class),
                Map.entry("cameraHealth", HealthCheck.class),
                Map.entry("sqliteHealth", HealthCheck.class),
                Map.entry("postgresqlHealth", HealthCheck.class),
                Map.entry("externalApiHealth", HealthCheck.class),
                Map.entry("rekognitionHealth", HealthCheck.class)));
    }

    /**
     * The {@code presenca.*} placeholders, each with a value of the kind the gateway sets (periods in ms, flags,
     * addresses), so endpoint options are checked with a value they accept.
     */
    public static Properties placeholders() {
        Properties values = new Properties();
        values.putAll(Map.ofEntries(
                Map.entry("presenca.camera.source", "0"),
                Map.entry("presenca.exit-at-end", "false"),
                Map.entry("presenca.enrollment.rescan-ms", "30000"),
                Map.entry("presenca.log-summary-ms", "60000"),
                Map.entry("presenca.rekognition.sync-ms", "30000"),
                Map.entry("presenca.rekognition.recheck-ms", "30000"),
                Map.entry("presenca.rekognition.reverify", "false"),
                Map.entry("presenca.sync.scheduled", "false"),
                Map.entry("presenca.sync.attendance-ms", "300000"),
                Map.entry("presenca.sync.students-ms", "3600000"),
                Map.entry("presenca.sync.first-delay-ms", "5000"),
                Map.entry("presenca.cleanup.scheduled", "false"),
                Map.entry("presenca.lessons.reload-ms", "30000"),
                Map.entry("presenca.lessons.end-check-ms", "30000"),
                Map.entry("presenca.events.dispatch-ms", "5000"),
                Map.entry("presenca.webhook.enabled", "false"),
                Map.entry("presenca.webhook.url", "http://webhook-not-set.invalid"),
                Map.entry("presenca.webhook.api-key", ""),
                Map.entry("presenca.webhook.retries", "3"),
                Map.entry("presenca.mail.enabled", "false"),
                Map.entry("presenca.mail.host", "smtp-not-set.invalid"),
                Map.entry("presenca.mail.port", "25"),
                Map.entry("presenca.mail.from", "presenca@localhost"),
                Map.entry("presenca.mail.to", "")));
        return values;
    }
}
