package io.presenca.attendance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.presenca.camera.LogCapture;
import io.presenca.matching.MatchSource;
import io.presenca.store.AttendanceRow;
import io.presenca.store.AttendanceStore;
import io.presenca.store.Database;
import io.presenca.store.OwnerOnlyFiles;
import io.presenca.store.SqliteFault;
import io.presenca.store.StudentStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The recorder on a real SQLite file, with a full disk simulated at the JDBC layer where needed. */
class AttendanceRecorderTest {

    private static final Duration WINDOW = Duration.ofMinutes(10);
    private static final Instant EIGHT_AM = Instant.parse("2026-11-24T08:00:00Z");

    private final Path home = Path.of("target", "test-data", UUID.randomUUID().toString()).toAbsolutePath();
    private final Database db = Database.open(home.resolve("data/attendance.db"));
    private final Path spillPath = home.resolve("spill/attendance-waiting.jsonl");
    private final SqliteFault disk = new SqliteFault();

    AttendanceRecorderTest() {
        StudentStore students = new StudentStore(db);
        students.upsert("s1", "Ana Souza", "5A");
        students.upsert("s2", "Bruno Lima", "5A");
        students.upsert("s3", "Carla Dias", "5B");
    }

    private AttendanceRecorder recorder() {
        Database faulty = disk.on(db);
        return new AttendanceRecorder(new AttendanceStore(faulty), new WaitingAttendance(new SpillFile(spillPath), 100),
                faulty.file(), "door", WINDOW);
    }

    private static Identification seen(String studentId, Instant at) {
        return new Identification(studentId, at, 0.3, 97.5, null, 0, 3, "frame.jpg", null, null, MatchSource.LOCAL, null);
    }

    private List<AttendanceRow> rows() {
        return new AttendanceStore(db).between(null, null, ZoneId.of("UTC"));
    }

    @Test
    void theLogNamesTheStudentsIdNotTheirName() {
        try (LogCapture log = new LogCapture(AttendanceRecorder.class)) {
            recorder().record(seen("s1", EIGHT_AM));

            String line = log.messages(Level.INFO).get(0);
            assertTrue(line.startsWith("Attendance recorded: student s1 at"), line);
            assertFalse(line.contains("Ana") || line.contains("Souza"), "the name is in the log: " + line);
        }
    }

    @Test
    void whileTheDiskIsFullSightingsWaitAndAreWrittenInCaptureOrderOnceWhenItIsFreed() throws Exception {
        AttendanceRecorder recorder = recorder();
        recorder.record(seen("s1", EIGHT_AM));
        disk.fill();
        try (LogCapture log = new LogCapture(AttendanceRecorder.class)) {
            recorder.record(seen("s2", EIGHT_AM.plusSeconds(60)));
            recorder.record(seen("s3", EIGHT_AM.plusSeconds(65)));
            recorder.record(seen("s2", EIGHT_AM.plusSeconds(70))); // still at the door: a repeat, even unwritten

            assertEquals(2, recorder.waiting());
            assertEquals(2, recorder.writeWaiting(), "nothing written while the disk is full");
            String warning = log.messages(Level.WARN).get(1);
            assertTrue(warning.contains("student s3") && warning.contains("disk full at " + db.file() + ": 2 attendances waiting (oldest "),
                    warning);
            assertFalse(warning.contains("Carla"), warning);
        }
        assertEquals(1, rows().size());
        List<String> spilled = Files.readAllLines(spillPath);
        assertEquals(2, spilled.size(), "each waiting sighting is on disk: " + spilled);
        assertTrue(spilled.get(0).contains("\"student_id\":\"s2\"") && !spilled.get(0).contains("Bruno"), spilled.get(0));
        assertEquals(OwnerOnlyFiles.FILE, Files.getPosixFilePermissions(spillPath));

        disk.free();
        recorder.record(seen("s1", EIGHT_AM.plusSeconds(120))); // the next student writes those waiting first

        assertEquals(List.of("s1", "s2", "s3"), rows().stream().map(AttendanceRow::studentId).toList());
        assertEquals(EIGHT_AM.plusSeconds(60), rows().get(1).capturedAt());
        assertEquals(0, recorder.waiting());
        assertEquals(0, Files.size(spillPath), "the spill file is emptied once its rows are committed");
        assertEquals(3, recorder.recorded());
    }

    @Test
    void sightingsLeftWaitingByAKilledRunAreWrittenByTheNextOneExactlyOnce() throws Exception {
        AttendanceRecorder killed = recorder();
        disk.fill();
        killed.record(seen("s1", EIGHT_AM));
        killed.record(seen("s2", EIGHT_AM.plusSeconds(5)));
        // the process dies here: nothing but the spill file survives it
        disk.free();

        AttendanceRecorder next = recorder();
        assertEquals(2, next.waiting(), "read back from the spill file at start");
        assertTrue(next.writeProblem().orElseThrow().contains("2 attendances waiting"), next.writeProblem().toString());
        assertEquals(0, next.writeWaiting());

        assertEquals(List.of("s1", "s2"), rows().stream().map(AttendanceRow::studentId).toList());
        // a run killed after the commit and before the file was emptied: the same record ids, no second record
        Files.writeString(spillPath, String.join("\n", List.of(
                "{\"id\":\"" + rows().get(0).recordId() + "\",\"student_id\":\"s1\",\"device_id\":\"door\","
                        + "\"captured_at\":\"2026-11-24T08:00:00Z\",\"confidence\":97.5,\"distance\":0.3,\"matcher\":\"local\"}",
                "{\"id\":\"cut-short")));
        AttendanceRecorder third = recorder();
        assertEquals(0, third.writeWaiting());
        assertEquals(2, rows().size());
    }

    /**
     * A real full disk: the database on a small tmpfs this test mounts (root only; skipped elsewhere,
     * the JDBC-level fault above stands in), filled to the last byte and freed again.
     */
    @Test
    void aRealFullDiskKeepsTheSightingUntilSpaceIsFreed() throws Exception {
        Path mount = home.resolve("small-disk");
        Files.createDirectories(mount);
        Process mounting = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", mount.toString())
                .redirectErrorStream(true).start();
        Assumptions.assumeTrue(mounting.waitFor() == 0, "cannot mount a tmpfs here (not root?): "
                + new String(mounting.getInputStream().readAllBytes()));
        try {
            Database small = Database.open(mount.resolve("attendance.db"));
            new StudentStore(small).upsert("s1", "Ana Souza", "5A");
            AttendanceRecorder recorder = new AttendanceRecorder(new AttendanceStore(small),
                    new WaitingAttendance(new SpillFile(spillPath), 100), small.file(), "door", WINDOW);
            Path filler = mount.resolve("filler");
            try (var out = Files.newOutputStream(filler)) {
                byte[] block = new byte[4096];
                while (true) {
                    out.write(block);
                    out.flush();
                }
            } catch (java.io.IOException full) {
                // No space left on device: the disk is full
            }

            recorder.record(seen("s1", EIGHT_AM));
            assertEquals(1, recorder.waiting());
            assertTrue(recorder.writeProblem().orElseThrow().startsWith("disk full at " + small.file()),
                    recorder.writeProblem().toString());

            Files.delete(filler);
            assertEquals(0, recorder.writeWaiting());
            assertEquals(1, new AttendanceStore(small).countFor("s1"));
        } finally {
            new ProcessBuilder("umount", "-l", mount.toString()).start().waitFor();
        }
    }
}
