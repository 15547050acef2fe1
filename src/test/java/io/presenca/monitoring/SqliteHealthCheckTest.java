package io.presenca.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.presenca.attendance.AttendanceRecorder;
import io.presenca.attendance.Identification;
import io.presenca.attendance.SpillFile;
import io.presenca.attendance.WaitingAttendance;
import io.presenca.camera.LogCapture;
import io.presenca.matching.MatchSource;
import io.presenca.store.AttendanceStore;
import io.presenca.store.Database;
import io.presenca.store.SqliteFault;
import io.presenca.store.Sql;
import io.presenca.store.StudentStore;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** Liveness of the local database: it answers, was whole at start, and takes attendance. */
class SqliteHealthCheckTest {

    private final Path home = Path.of("target", "health-test", UUID.randomUUID().toString()).toAbsolutePath();
    private final Path file = home.resolve("data/attendance.db");
    private final SqliteFault disk = new SqliteFault();

    private AttendanceRecorder recorder(Database db) {
        return new AttendanceRecorder(new AttendanceStore(disk.on(db)),
                new WaitingAttendance(new SpillFile(home.resolve("attendance-waiting.jsonl")), 100), db.file(), "door",
                Duration.ofMinutes(10));
    }

    /** The gateway's stats as far as this check reads them: the recorder's. */
    private static PipelineStats stats(AttendanceRecorder recorder) {
        return new PipelineStats(null, null, recorder, null, null, null, null);
    }

    private static HealthCheck.Result call(SqliteHealthCheck check) {
        check.setCamelContext(new DefaultCamelContext());
        return check.call();
    }

    @Test
    void aHealthyDatabaseIsUpAndCountsForLiveness() {
        Database db = Database.open(file);
        SqliteHealthCheck check = new SqliteHealthCheck(db, stats(recorder(db)));

        assertEquals(HealthCheck.State.UP, call(check).getState());
        assertTrue(check.isLiveness());
    }

    @Test
    void aDatabaseDamagedBeforeTheStartIsReportedAtStartAndByLiveness() throws Exception {
        Database before = Database.open(file);
        new StudentStore(before).upsert("s1", "Ana", "5A");
        AttendanceStore attendance = new AttendanceStore(before);
        for (int i = 0; i < 200; i++) {
            attendance.recordUnlessRecent("s1", "door", Instant.parse("2026-11-24T08:00:00Z").plusSeconds(60L * i), 97, 0.3,
                    "local", Duration.ZERO);
        }
        long rootPage = before.withConnection(c -> Sql.count(c,
                "SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = 'attendance_records'"));
        long pageSize = before.withConnection(c -> Sql.count(c, "PRAGMA page_size"));
        // every connection is closed: the write-ahead log is in the file; now a bad sector in attendance_records
        try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
            byte[] garbage = new byte[(int) pageSize];
            Arrays.fill(garbage, (byte) 0x5A);
            raw.seek((rootPage - 1) * pageSize);
            raw.write(garbage);
        }

        Database damaged;
        try (LogCapture log = new LogCapture(Database.class)) {
            damaged = Database.open(file);
            String error = log.messages(Level.ERROR).get(0);
            assertTrue(error.contains(file + " is damaged") && error.contains("restore it from a backup"), error);
        }
        HealthCheck.Result result = call(new SqliteHealthCheck(damaged, stats(recorder(damaged))));

        assertEquals(HealthCheck.State.DOWN, result.getState());
        assertTrue(result.getMessage().orElseThrow().contains("is damaged (quick_check: "), result.getMessage().toString());
    }

    @Test
    void attendanceWaitingForAFullDiskIsDownWithWhatIsWrongAndHowMuchWaits() {
        Database db = Database.open(file);
        new StudentStore(db).upsert("s1", "Ana", "5A");
        AttendanceRecorder recorder = recorder(db);
        disk.fill();
        recorder.record(new Identification("s1", Instant.now(), 0.3, 97.5, null, 0, 3, "frame.jpg", null, null,
                MatchSource.LOCAL, null));

        HealthCheck.Result result = call(new SqliteHealthCheck(db, stats(recorder)));

        assertEquals(HealthCheck.State.DOWN, result.getState());
        assertTrue(result.getMessage().orElseThrow().startsWith("SQLite cannot write: disk full at " + db.file()
                + ": 1 attendance waiting"), result.getMessage().toString());
    }
}
