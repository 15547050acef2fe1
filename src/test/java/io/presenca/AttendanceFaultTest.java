package io.presenca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presenca.store.AttendanceRow;
import io.presenca.store.SqliteFault;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The capture path while SQLite's disk fills (SQLITE_FULL on every attendance insert, at the JDBC
 * layer) and is freed again, or never: nobody confirmed at the door is lost or recorded twice.
 */
class AttendanceFaultTest {

    private final GatewayFixture gateway = new GatewayFixture();
    private final List<String> students = GatewayFixture.lfwIdentities(5, 1000).subList(0, 3);
    private final SqliteFault disk = new SqliteFault();

    AttendanceFaultTest() {
        List<Path> walkPast = new ArrayList<>();
        for (String student : students) {
            List<Path> photos = GatewayFixture.lfwPhotos(student);
            gateway.enroll(student, photos.get(0), photos.get(1));
            walkPast.addAll(photos.subList(2, 5));
        }
        gateway.showToCamera(walkPast);
    }

    private Map<String, Long> expectedOncePerStudent() {
        return students.stream().collect(Collectors.toMap(Function.identity(), s -> 1L));
    }

    @Test
    void theDiskFillsAfterTheFirstStudentAndIsFreedLaterEveryoneIsRecordedOnce() throws Exception {
        disk.fillAfter(1, 2); // the 2nd student's insert and its first retry are refused

        assertEquals(0, gateway.runToEnd(disk::on), "exit 0: everything was written by the end");

        assertEquals(2, disk.refused(), "the disk was full for a while");
        assertEquals(expectedOncePerStudent(), gateway.recordsPerStudent());
        assertEquals(0, gateway.lastRun.attendanceWaiting());
        assertEquals(0, Files.size(gateway.settings().spillPath), "the spill file is emptied once written");
    }

    /**
     * A gateway process whose disk is full from the start is killed with SIGKILL while three students
     * wait; its metrics and liveness answer until then. The next start records each of them once.
     */
    @Test
    void killedWhileStudentsWaitTheNextStartRecordsThemFromTheSpillFile() throws Exception {
        Path spill = gateway.settings().spillPath;
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), FullDiskGateway.class.getName());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(gateway.home.resolve("killed.log").toFile());
        builder.environment().putAll(gateway.settings);
        builder.environment().put("LOG_FILE", gateway.home.resolve("logs/killed-gateway.log").toString());
        Process child = builder.start();
        try {
            Awaitility.await("three students waiting in " + spill + " (see killed.log)").atMost(Duration.ofMinutes(3))
                    .until(() -> !child.isAlive() || Files.exists(spill) && Files.readAllLines(spill).size() == 3);
            assertTrue(child.isAlive(), "the gateway ended by itself: see " + gateway.home.resolve("killed.log"));
            String metrics = get("/observe/metrics");
            assertTrue(metrics.contains("presenca_attendance_waiting 3.0"), metrics);
            String live = get("/observe/health/live?exposureLevel=full");
            assertTrue(live.contains("SQLite cannot write: disk full at ") && live.contains("3 attendances waiting"), live);
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no last write
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(137, child.exitValue(), "killed by SIGKILL");
        assertTrue(gateway.records().isEmpty());

        nobodyNewAtTheDoor();
        assertEquals(0, gateway.runToEnd());

        assertEquals(expectedOncePerStudent(), gateway.recordsPerStudent());
        assertEquals(0, Files.size(spill));
    }

    private String get(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + gateway.managementPort() + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(response.statusCode() == 200 || path.contains("health"), path + ": HTTP " + response.statusCode());
        return response.body();
    }

    /** The camera folder now shows one stranger: the run only writes what waited. */
    private void nobodyNewAtTheDoor() throws Exception {
        try (var shown = Files.list(gateway.camera)) {
            for (Path photo : shown.toList()) {
                Files.delete(photo);
            }
        }
        gateway.showToCamera(List.of(GatewayFixture.lfwPhotos(GatewayFixture.lfwIdentities(1, 1).get(0)).get(0)));
    }

    /** The gateway as {@code java -jar presenca.jar} runs it, on a disk that is full for attendance. */
    static final class FullDiskGateway {
        public static void main(String[] args) throws Exception {
            SqliteFault disk = new SqliteFault().fill();
            System.exit(new GatewayRun(io.presenca.config.Settings.fromProcess(), false, disk::on).call());
        }
    }

    @Test
    void aFaultThatNeverClearsExitsNonZeroAndTheNextStartWritesWhatWaited() throws Exception {
        disk.fill();

        assertEquals(GatewayRun.ATTENDANCE_NOT_WRITTEN, gateway.runToEnd(disk::on));

        assertEquals(3, gateway.lastRun.attendanceWaiting());
        assertTrue(gateway.records().isEmpty());
        Path spill = gateway.settings().spillPath;
        assertTrue(spill.startsWith(gateway.home) && !spill.startsWith(gateway.sqlite.getParent()),
                "by default beside the database folder, not in it: " + spill);
        List<String> lines = Files.readAllLines(spill);
        assertEquals(3, lines.size(), "one line per waiting student: " + lines);
        assertTrue(lines.stream().allMatch(line -> line.contains("\"device_id\":\"test-door\"")), lines.toString());

        // the disk is freed and the gateway started again
        nobodyNewAtTheDoor();
        assertEquals(0, gateway.runToEnd());

        assertEquals(expectedOncePerStudent(), gateway.recordsPerStudent());
        List<AttendanceRow> rows = gateway.records();
        assertEquals(rows.stream().map(AttendanceRow::studentId).toList(), students, "in capture order");
        assertEquals(0, Files.size(spill));
    }
}
