package io.presenca.monitoring;

import io.presenca.attendance.AttendanceRecorder;
import io.presenca.attendance.FailedFrames;
import io.presenca.attendance.ReviewQueue;
import io.presenca.camera.CameraConsumer;
import io.presenca.matching.FrameMatcher;
import io.presenca.matching.MatchSource;
import io.presenca.store.ReviewStore;
import io.presenca.store.SyncQueue;
import io.presenca.store.SyncStatus;
import io.presenca.vision.FaceQuality;
import io.presenca.vision.QualityGate;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;

/**
 * One read-only view of the gateway's counters (in memory, since start) and of its SQLite queues,
 * shared by the metrics, the MBean and the dashboard so each number is computed in one place.
 */
public final class PipelineStats {

    private final QualityGate qualityGate;
    private final FrameMatcher matcher;
    private final AttendanceRecorder recorder;
    private final ReviewQueue reviewQueue;
    private final FailedFrames failedFrames;
    private final ReviewStore reviews;
    private final SyncQueue syncQueue;
    private final Instant startedAt = Instant.now();
    private volatile CamelContext context;

    public PipelineStats(QualityGate qualityGate, FrameMatcher matcher, AttendanceRecorder recorder, ReviewQueue reviewQueue,
                         FailedFrames failedFrames, ReviewStore reviews, SyncQueue syncQueue) {
        this.qualityGate = qualityGate;
        this.matcher = matcher;
        this.recorder = recorder;
        this.reviewQueue = reviewQueue;
        this.failedFrames = failedFrames;
        this.reviews = reviews;
        this.syncQueue = syncQueue;
    }

    /** The running Camel context, where the camera consumer lives (it changes when capture.camel.yaml is reloaded). */
    void attach(CamelContext camelContext) {
        this.context = camelContext;
    }

    public CamelContext context() {
        return context;
    }

    /** The camera consumer of the capture route, if the route is running. */
    public Optional<CameraConsumer> camera() {
        CamelContext c = context;
        if (c == null) {
            return Optional.empty();
        }
        return c.getRoutes().stream().map(Route::getConsumer).filter(CameraConsumer.class::isInstance)
                .map(CameraConsumer.class::cast).findFirst();
    }

    /** Frames handed to the capture route by the current camera consumer. */
    public long frames() {
        return camera().map(CameraConsumer::getFramesDelivered).orElse(0L);
    }

    /** Faces found in frames: those that passed the quality gate and those it rejected. */
    public long faces() {
        return qualityGate.acceptedFaces() + qualityRejections();
    }

    public long facesAccepted() {
        return qualityGate.acceptedFaces();
    }

    public Map<FaceQuality.Rejection, Long> rejectionsByReason() {
        return qualityGate.rejectionCounts();
    }

    public long qualityRejections() {
        return qualityGate.rejectionCounts().values().stream().mapToLong(Long::longValue).sum();
    }

    /** Attendance records written since start (repeat sightings in the duplicate window not included). */
    public long matches() {
        return recorder.recorded();
    }

    public long matchesBy(MatchSource source) {
        return recorder.recordedBy(source);
    }

    /** Confirmed sightings SQLite could not write yet (kept in memory and SPILL_PATH). */
    public long attendanceWaiting() {
        return recorder.waiting();
    }

    /** What keeps SQLite from taking attendance ("disk full at ...: 3 attendances waiting"), if anything. */
    public Optional<String> attendanceWriteProblem() {
        return recorder.writeProblem();
    }

    public long unknownFaces() {
        return matcher.unknownFaces();
    }

    public long heldForReview() {
        return reviewQueue.held();
    }

    public long failedFrames() {
        return failedFrames.count();
    }

    public long reviewQueueSize() {
        return reviews.countOpen();
    }

    public long records(SyncStatus status) {
        return syncQueue.countByStatus().get(status);
    }

    /** How long the oldest record not yet in the central database has waited; zero when none waits. */
    public Duration oldestUnsyncedAge() {
        Instant oldest = syncQueue.oldestUnsyncedCapture();
        return oldest == null ? Duration.ZERO : Duration.between(oldest, Instant.now());
    }

    /** Sync batches since this gateway started, by outcome ("sent", "failed"). */
    public Map<String, Long> syncBatches() {
        return syncQueue.batchOutcomesSince(startedAt);
    }
}
