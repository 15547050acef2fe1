package io.presenca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Level;
import io.presenca.camera.LogCapture;
import io.presenca.lessons.LessonAttendance;
import io.presenca.lessons.LessonMark;
import io.presenca.lessons.LessonStatus;
import io.presenca.lessons.LessonStore;
import io.presenca.lessons.TimetableSource;
import io.presenca.monitoring.CaptureLogSummary;
import io.presenca.store.Database;
import io.presenca.store.Sql;
import io.presenca.vision.QualityGate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A lesson day through the real gateway: LFW-dev people enrolled in classes 5A and 5B walk past the
 * camera (an image folder) while 5A's lesson began 2 minutes ago and 5B's 15 minutes ago; some are
 * never shown. The timetable has three periods; the lessons are then ended with a manual clock.
 */
class LessonGatewayTest {

    private final GatewayFixture gateway = new GatewayFixture();

    @Test
    void studentsSeenOnTimeArePresentSeenLateAreLateAndNeverSeenAreAbsent() throws Exception {
        ZoneId zone = ZoneId.systemDefault();
        LocalDateTime now = LocalDateTime.now(zone).truncatedTo(ChronoUnit.MINUTES);
        assumeTrue(now.toLocalTime().isAfter(LocalTime.of(0, 20)) && now.toLocalTime().isBefore(LocalTime.of(22, 0)),
                "the lessons of this test must not cross midnight");
        List<String> people = GatewayFixture.lfwIdentities(5, 1000).subList(0, 5);
        enrollInClass(people.get(0), "5A");
        enrollInClass(people.get(1), "5A");
        enrollInClass(people.get(2), "5A");
        enrollInClass(people.get(3), "5B");
        enrollInClass(people.get(4), "5B");
        gateway.showToCamera(people.stream().filter(p -> !p.equals(people.get(2)) && !p.equals(people.get(4)))
                .flatMap(p -> GatewayFixture.lfwPhotos(p).subList(2, 5).stream()).toList());
        String day = now.getDayOfWeek().name().toLowerCase();
        Path timetable = gateway.home.resolve("timetable.csv");
        Files.write(timetable, List.of("class,weekday,start,end,device",
                "5A," + day + "," + now.minusMinutes(2).toLocalTime() + "," + now.plusMinutes(60).toLocalTime(),
                "5B," + day + "," + now.minusMinutes(15).toLocalTime() + "," + now.plusMinutes(60).toLocalTime() + ",test-door",
                "5A," + day + "," + now.plusMinutes(70).toLocalTime() + "," + now.plusMinutes(110).toLocalTime()));
        gateway.settings.put("TIMETABLE", timetable.toString());
        gateway.settings.put("LOG_SUMMARY_SECONDS", "1");

        try (LogCapture summary = new LogCapture(CaptureLogSummary.class);
             LogCapture perFrame = new LogCapture(QualityGate.class)) {
            assertEquals(0, gateway.runToEnd());
            assertTrue(summary.messages(Level.INFO).stream().anyMatch(line -> line.matches(
                    "Capture: \\d+ frames, \\d+ faces, \\d+ unknown, rejected: .*; \\d+ recorded, \\d+ held for review")),
                    "a summary every LOG_SUMMARY_SECONDS: " + summary.messages(Level.INFO));
            assertEquals(List.of(), perFrame.messages(Level.INFO), "per-frame detail is at DEBUG");
        }

        Database db = Database.open(gateway.sqlite);
        assertEquals(Map.of(people.get(0), LessonStatus.PRESENT, people.get(1), LessonStatus.PRESENT,
                people.get(3), LessonStatus.LATE), statuses(db), "as they came in");

        ManualClock afterTheLessons = new ManualClock(now.plusMinutes(61).atZone(zone).toInstant());
        TimetableSource source = new TimetableSource(timetable, db);
        source.reload();
        LessonAttendance lessons = new LessonAttendance(db, source, "test-door", 10, 10, 7, zone, afterTheLessons);
        try (LogCapture ended = new LogCapture(LessonAttendance.class)) {
            assertEquals(2, lessons.closeEndedLessons(), "5A's second period has not ended");
            assertEquals(2, ended.messages(Level.INFO).stream().filter(m -> m.startsWith("Lesson ended: 5")).count(),
                    ended.messages(Level.INFO).toString());
        }

        assertEquals(Map.of(people.get(0), LessonStatus.PRESENT, people.get(1), LessonStatus.PRESENT,
                people.get(2), LessonStatus.ABSENT, people.get(3), LessonStatus.LATE, people.get(4), LessonStatus.ABSENT),
                statuses(db));
        assertEquals(Map.of("arrival", 3L, "late", 1L, "absent", 2L), db.withConnection(c -> Sql.list(c,
                "SELECT kind FROM event_outbox", row -> row.getString(1))).stream()
                .collect(Collectors.groupingBy(k -> k, Collectors.counting())));
        assertEquals(3, gateway.records().size(), "one record each, the duplicate window unchanged");
    }

    private Map<String, LessonStatus> statuses(Database db) {
        return new LessonStore(db).marks(null, null).stream()
                .collect(Collectors.toMap(LessonMark::studentId, LessonMark::status));
    }

    private void enrollInClass(String person, String className) throws IOException {
        List<Path> photos = GatewayFixture.lfwPhotos(person);
        gateway.enroll(person, photos.get(0), photos.get(1));
        Files.writeString(gateway.faces.resolve(person).resolve("student.json"), "{\"name\": \"" + person
                + "\", \"class\": \"" + className + "\", \"consent\": {\"given_by\": \"Guardian\", \"date\": \"2026-02-01\"}}");
    }
}
