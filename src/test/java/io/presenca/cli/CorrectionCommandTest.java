package io.presenca.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.presenca.Gateway;
import io.presenca.GatewayFixture;
import io.presenca.lessons.LessonAttendance;
import io.presenca.store.AttendanceStore;
import io.presenca.store.StudentStore;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code mark}, {@code void} and {@code export --lessons} on a gateway's files, as a school runs them. */
class CorrectionCommandTest {

    private final GatewayFixture gateway = new GatewayFixture();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final LocalDate today = LocalDate.now(ZoneId.systemDefault());

    @AfterEach
    void clearSettings() {
        gateway.clearCommandSettings();
    }

    private int presenca(String... args) {
        return gateway.command(out, args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aTeacherMarksAnAdminVoidsAndTheLessonExportShowsBoth() throws Exception {
        assumeTrue(LocalTime.now().isAfter(LocalTime.of(0, 5)), "the day's lesson must have begun");
        Path timetable = gateway.home.resolve("timetable.csv");
        Files.write(timetable, List.of("class,weekday,start,end", "5A," + today.getDayOfWeek() + ",00:00,23:59"));
        gateway.settings.put("TIMETABLE", timetable.toString());
        String wrong;
        try (Gateway parts = new Gateway(gateway.settings())) {
            StudentStore students = new StudentStore(parts.database());
            students.upsert("ana", "Ana", "5A");
            students.upsert("bia", "=HYPERLINK(\"x\")", "5A");
            LessonAttendance lessons = parts.lessonAttendance();
            lessons.timetable().reload();
            lessons.trackFrom(Instant.now());
            wrong = new AttendanceStore(parts.database(), lessons).recordUnlessRecent("bia", "test-door",
                    today.atTime(0, 1).atZone(ZoneId.systemDefault()).toInstant(), 96.0, 0.4, "local", Duration.ZERO)
                    .orElseThrow().id();
        }

        assertEquals(0, presenca("mark", "ana", "--lesson", today + "T00:00", "--reason", "in the library", "--by", "Prof. Lima"));
        assertTrue(out().startsWith("Student ana marked present (manual) for 5A " + today + " 00:00: record "), out());
        assertEquals(0, presenca("void", wrong, "--reason", "her sister, not her", "--by", "admin"));
        assertTrue(out().startsWith("Record " + wrong + " voided; 1 lesson status(es) now void (5A " + today + " 00:00)"), out());

        assertEquals(0, presenca("export", "--lessons", "--date", today.toString(), "--class", "5A"));
        List<String> lines = out().lines().toList();
        assertEquals("class_name,lesson_date,start,end,student_id,name,status,record_id,first_seen_at,decided_at", lines.get(0));
        assertTrue(lines.get(1).startsWith("5A," + today + ",00:00,23:59,ana,Ana,manual,"), lines.get(1));
        assertTrue(lines.get(2).startsWith("5A," + today + ",00:00,23:59,bia,\"'=HYPERLINK(\"\"x\"\")\",void," + wrong), lines.get(2));
        assertEquals(3, lines.size());
    }

    @Test
    void wrongCorrectionsAreRefusedWithWhatToDo() throws Exception {
        Path timetable = gateway.home.resolve("timetable.csv");
        Files.write(timetable, List.of("class,weekday,start,end", "5A," + today.getDayOfWeek() + ",08:00,08:50"));
        gateway.settings.put("TIMETABLE", timetable.toString());
        try (Gateway parts = new Gateway(gateway.settings())) {
            new StudentStore(parts.database()).upsert("ana", "Ana", "5A");
        }

        assertEquals(2, presenca("mark", "ana", "--lesson", today + "T09:00", "--reason", "r", "--by", "t"));
        assertTrue(out().contains("mark: class 5A has no lesson starting at " + today + "T09:00 in " + timetable
                + "; its lessons that day: [08:00]."), out());
        assertEquals(2, presenca("mark", "ana", "--lesson", today + "T08:00", "--by", "t"));
        assertTrue(out().contains("Missing required option: '--reason=TEXT'") && out().contains("Usage: presenca mark "), out());
        assertEquals(2, presenca("void", "no-such-record", "--reason", "r", "--by", "admin"));
        assertTrue(out().contains("void: No attendance record 'no-such-record'"), out());
        assertEquals(2, presenca("export", "--lessons", "--from", "2026-01-01"));
        assertTrue(out().contains("export: --lessons takes --date and --class, not --from or --to."), out());
    }
}
