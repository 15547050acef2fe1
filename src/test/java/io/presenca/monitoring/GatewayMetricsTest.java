package io.presenca.monitoring;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.presenca.attendance.AttendanceRecorder;
import io.presenca.attendance.FailedFrames;
import io.presenca.attendance.Identification;
import io.presenca.attendance.ReviewQueue;
import io.presenca.attendance.SpillFile;
import io.presenca.attendance.WaitingAttendance;
import io.presenca.matching.DecisionRule;
import io.presenca.matching.FaceMatcher;
import io.presenca.matching.Gallery;
import io.presenca.matching.MatchSource;
import io.presenca.matching.RecognitionThreshold;
import io.presenca.store.AttendanceStore;
import io.presenca.store.Database;
import io.presenca.store.ReviewStore;
import io.presenca.store.SqliteFault;
import io.presenca.store.StudentStore;
import io.presenca.store.SyncQueue;
import io.presenca.vision.QualityGate;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** /observe/metrics is what someone reads when the disk fails: it must keep answering then. */
class GatewayMetricsTest {

    @Test
    void theMetricsPageAnswersWhileSqliteFailsAndShowsTheAttendanceWaiting() {
        Path home = Path.of("target", "metrics-test", UUID.randomUUID().toString()).toAbsolutePath();
        Database real = Database.open(home.resolve("data/attendance.db"));
        new StudentStore(real).upsert("ana", "Ana", "5A");
        SqliteFault disk = new SqliteFault();
        Database db = disk.on(real);
        AttendanceRecorder recorder = new AttendanceRecorder(new AttendanceStore(db),
                new WaitingAttendance(new SpillFile(home.resolve("attendance-waiting.jsonl")), 100), db.file(), "door",
                Duration.ofMinutes(10));
        PipelineStats stats = new PipelineStats(new QualityGate(QualityGate.Limits.NONE),
                new FaceMatcher(new Gallery(), new DecisionRule(new RecognitionThreshold(95), 25, 1)), recorder,
                new ReviewQueue(new ReviewStore(db), "door", Duration.ofMinutes(10), io.presenca.vision.DescriptorModel.OMZ.storedName()), new FailedFrames(),
                new ReviewStore(db), new SyncQueue(db));
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new GatewayMetrics(stats, registry);

        disk.failEverything();
        recorder.record(new Identification("ana", Instant.now(), 0.3, 97.5, null, 0, 3, "frame.jpg", null, null,
                MatchSource.LOCAL, null));
        String page = registry.scrape();

        assertTrue(page.contains(GatewayMetrics.ATTENDANCE_WAITING + " 1.0"), page);
        assertTrue(page.contains(GatewayMetrics.REVIEW_QUEUE + " NaN"), "a number SQLite cannot give is NaN: " + page);
        assertTrue(page.contains("presenca_frames_total"), page);
    }
}
