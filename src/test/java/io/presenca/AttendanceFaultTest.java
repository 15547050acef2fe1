package io.presenca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presenca.store.AttendanceRow;
import io.presenca.store.SqliteFault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
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

        // the disk is freed and the gateway started again, with nobody new at the door
        try (var shown = Files.list(gateway.camera)) {
            for (Path photo : shown.toList()) {
                Files.delete(photo);
            }
        }
        gateway.showToCamera(List.of(GatewayFixture.lfwPhotos(GatewayFixture.lfwIdentities(1, 1).get(0)).get(0)));
        assertEquals(0, gateway.runToEnd());

        assertEquals(expectedOncePerStudent(), gateway.recordsPerStudent());
        List<AttendanceRow> rows = gateway.records();
        assertEquals(rows.stream().map(AttendanceRow::studentId).toList(), students, "in capture order");
        assertEquals(0, Files.size(spill));
    }
}
