package io.presenca.lessons;

import io.presenca.ManualClock;
import io.presenca.store.AttendanceRecord;
import io.presenca.store.AttendanceStore;
import io.presenca.store.Database;
import io.presenca.store.Sql;
import io.presenca.store.StudentStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A school's Monday on a real SQLite file: classes 5A (Ana, Bia, Caio) and 5B (Davi, Eva), a
 * timetable with three periods (5A 08:00 and 09:00, 5B 08:00-09:30), a manual clock, and the
 * lesson beans built as the gateway builds them.
 */
public final class LessonDay {

    static final LocalDate MONDAY = LocalDate.of(2026, 3, 2);
    public static final String DEVICE = "door-5a";

    final Path home = Path.of("target", "test-data", UUID.randomUUID().toString()).toAbsolutePath();
    final Path timetableFile = home.resolve("timetable.csv");
    public final Database db;
    public final ManualClock clock = new ManualClock(at("07:00"));
    final TimetableSource timetable;
    public final LessonAttendance lessons;
    final AttendanceStore attendance;

    public LessonDay() {
        try {
            Files.createDirectories(home);
            Files.write(timetableFile, List.of("class,weekday,start,end,device", "5A,monday,08:00,08:50",
                    "5A,monday,09:00,09:50," + DEVICE, "5B,monday,08:00,09:30"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        db = Database.open(home.resolve("attendance.db"));
        StudentStore students = new StudentStore(db);
        students.upsert("ana", "Ana", "5A");
        students.upsert("bia", "Bia", "5A");
        students.upsert("caio", "Caio", "5A");
        students.upsert("davi", "Davi", "5B");
        students.upsert("eva", "Eva", "5B");
        timetable = new TimetableSource(timetableFile, db);
        timetable.reload();
        lessons = new LessonAttendance(db, timetable, DEVICE, 10, 10, 7, ZoneOffset.UTC, clock);
        attendance = new AttendanceStore(db, lessons);
    }

    /** The gateway's first start with lessons, at {@code time}: lessons that ended before are not marked. */
    public LessonDay firstStartAt(String time) {
        lessons.trackFrom(at(time));
        return this;
    }

    public static Instant at(String time) {
        return MONDAY.atTime(LocalTime.parse(time)).toInstant(ZoneOffset.UTC);
    }

    static LessonOnDate lesson(String className, String start) {
        return new LessonOnDate(new Lesson(className, MONDAY.getDayOfWeek(), LocalTime.parse(start),
                LocalTime.parse(start).plusMinutes(50), null, "test"), MONDAY);
    }

    /** The camera sees the student at {@code time}; the record, unless it fell in the duplicate window. */
    public AttendanceRecord seen(String studentId, String time) {
        return attendance.recordUnlessRecent(studentId, DEVICE, at(time), 97.0, 0.3, "local", Duration.ofMinutes(10))
                .orElseThrow();
    }

    /** The timer fires at {@code time}; how many lessons it closed. */
    public int endLessonsAt(String time) {
        clock.now = at(time);
        return lessons.closeEndedLessons();
    }

    /** student -> status for the lesson of {@code className} starting at {@code start}. */
    Map<String, LessonStatus> statuses(String className, String start) {
        return new LessonStore(db).marks(MONDAY, className).stream()
                .filter(m -> m.start().equals(LocalTime.parse(start)))
                .collect(Collectors.toMap(LessonMark::studentId, LessonMark::status));
    }

    /** kind -> how many events the outbox holds. */
    Map<String, Long> events() {
        return db.withConnection(c -> Sql.list(c, "SELECT kind FROM event_outbox", row -> row.getString(1)))
                .stream().collect(Collectors.groupingBy(k -> k, Collectors.counting()));
    }
}
