package io.presenca.monitoring;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.presenca.matching.MatchSource;
import io.presenca.store.SyncStatus;
import io.presenca.vision.FaceQuality;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The gateway's own Prometheus metrics, next to Camel's route metrics on {@code /observe/metrics}.
 * Counters read the in-memory totals since start (Prometheus handles the reset at a restart);
 * gauges about queues ask SQLite at each scrape, so they are true even after a crash and restart.
 * A number SQLite cannot give now (full disk, damaged or locked file) shows as NaN: the page itself
 * keeps answering, with presenca_attendance_waiting, exactly when someone needs to look.
 */
public final class GatewayMetrics {

    /** Names as Prometheus shows them, for the README and the tests. */
    public static final String FRAMES = "presenca_frames_total";
    public static final String FACES = "presenca_faces_total";
    public static final String MATCHES = "presenca_matches_total";
    public static final String UNKNOWN = "presenca_unknown_faces_total";
    public static final String REVIEW_QUEUE = "presenca_review_queue_size";
    public static final String ATTENDANCE_WAITING = "presenca_attendance_waiting";
    public static final String RECORDS = "presenca_records";
    public static final String OLDEST_UNSYNCED = "presenca_oldest_unsynced_record_age_seconds";
    public static final String SYNC_BATCHES = "presenca_sync_batches_total";
    public static final String API_LATENCY = "presenca_external_api_seconds";
    public static final String POSTGRES_LATENCY = "presenca_postgresql_seconds";

    private final Timer externalApi;
    private final Timer postgres;

    public GatewayMetrics(PipelineStats stats, MeterRegistry registry) {
        FunctionCounter.builder("presenca.frames", stats, PipelineStats::frames)
                .description("Frames read from the camera and handed to the capture route").register(registry);
        FunctionCounter.builder("presenca.faces", stats, PipelineStats::facesAccepted)
                .description("Faces found, by quality-gate outcome").tag("outcome", "accepted").register(registry);
        for (FaceQuality.Rejection reason : FaceQuality.Rejection.values()) {
            FunctionCounter.builder("presenca.faces", stats, s -> s.rejectionsByReason().get(reason))
                    .description("Faces found, by quality-gate outcome")
                    .tag("outcome", reason.name().toLowerCase(Locale.ROOT)).register(registry);
        }
        for (MatchSource source : MatchSource.values()) {
            FunctionCounter.builder("presenca.matches", stats, s -> s.matchesBy(source))
                    .description("Attendance records written, by who recognised the student")
                    .tag("matcher", source.column()).register(registry);
        }
        FunctionCounter.builder("presenca.unknown.faces", stats, PipelineStats::unknownFaces)
                .description("Described faces that matched no student").register(registry);
        Gauge.builder("presenca.attendance.waiting", stats, PipelineStats::attendanceWaiting)
                .description("Confirmed students SQLite could not write yet (kept in memory and SPILL_PATH)").register(registry);
        Gauge.builder("presenca.review.queue.size", stats, softly(PipelineStats::reviewQueueSize))
                .description("Review items waiting for a person").register(registry);
        for (SyncStatus status : SyncStatus.values()) {
            Gauge.builder("presenca.records", stats, softly(s -> s.records(status)))
                    .description("Attendance records in SQLite, by sync status")
                    .tag("status", status.column()).register(registry);
        }
        Gauge.builder("presenca.oldest.unsynced.record.age", stats, softly(s -> s.oldestUnsyncedAge().toMillis() / 1000.0))
                .baseUnit("seconds").description("Age of the oldest record not yet in the central database (0: none)")
                .register(registry);
        for (String outcome : new String[] {"sent", "failed"}) {
            FunctionCounter.builder("presenca.sync.batches", stats, softly(s -> s.syncBatches().getOrDefault(outcome, 0L)))
                    .description("Sync batches since start, by outcome").tag("outcome", outcome).register(registry);
        }
        externalApi = Timer.builder("presenca.external.api").description("Calls to the school's validation API")
                .register(registry);
        postgres = Timer.builder("presenca.postgresql").description("Work done in the central PostgreSQL")
                .register(registry);
    }

    /** {@code reading}, or NaN when SQLite cannot answer it now: one failing number must not take the page down. */
    private static ToDoubleFunction<PipelineStats> softly(ToDoubleFunction<PipelineStats> reading) {
        return stats -> {
            try {
                return reading.applyAsDouble(stats);
            } catch (RuntimeException e) {
                return Double.NaN;
            }
        };
    }

    /** The steps of the sync routes that are timed, by their id or the name the routes use for the bean. */
    Map<String, Timer> timedBeans() {
        return Map.of("external-api-call", externalApi, "central-upsert", postgres, "centralStudents", postgres);
    }
}
