package io.presenca;

import io.presenca.lessons.LessonAttendance;
import io.presenca.lessons.TimetableSource;
import io.presenca.store.AttendanceStore;
import io.presenca.store.DashboardAccess;
import io.presenca.store.DashboardUserStore;
import io.presenca.store.Database;
import io.presenca.store.ReviewItem;
import io.presenca.store.ReviewStore;
import io.presenca.store.StudentStore;
import io.presenca.web.PasswordHash;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Today at a school, for the dashboard's day view: class 5A has five LFW public figures, an earlier
 * lesson that ended (one present, one late, three absent, decided by the lesson timer) and a lesson in
 * progress where the gateway sees the first student; 5B has a lesson at the same time. A teacher of 5A
 * logs in with {@link #TEACHER}; one look-alike of 5A waits for review beside its enrolled photos.
 */
final class DashboardSchoolDay {

    static final String TEACHER = "paula";
    static final String TEACHER_PASSWORD = "senha-da-professora";

    final String seen;        // enrolled, seen by the gateway in the lesson in progress
    final String lookAlike;   // enrolled, the candidate of the review item (seen is the runner-up)
    final String onTime;      // earlier lesson: present
    final String late;        // earlier lesson: late
    final String neverSeen;   // earlier lesson: absent
    final LocalTime earlierStart;
    final LocalTime currentStart;
    String lateRecordId;
    String reviewId;

    /** {@code seen}: the student RunningGateway enrolled and shows to the camera. */
    DashboardSchoolDay(String seen) {
        List<String> others = GatewayFixture.lfwIdentities(5, 1000).stream().filter(id -> !id.equals(seen)).toList();
        this.seen = seen;
        this.lookAlike = others.get(0);
        this.onTime = others.get(1);
        this.late = others.get(2);
        this.neverSeen = others.get(3);
        LocalTime now = LocalTime.now().truncatedTo(ChronoUnit.MINUTES);
        this.currentStart = now.minusMinutes(5);
        this.earlierStart = now.minusHours(3);
    }

    /** Whether both lessons fit in today (not across midnight). */
    static boolean fitsInToday() {
        LocalTime now = LocalTime.now();
        return now.isAfter(LocalTime.of(3, 30)) && now.isBefore(LocalTime.of(22, 50));
    }

    static String name(String lfwId) {
        return lfwId.replace('_', ' ');
    }

    /** The {@link DashboardGatewayTest.RunningGateway} set-up step: timetable, students, the teacher, the earlier lesson. */
    void prepare(GatewayFixture fixture, String ignored) {
        try {
            Path timetable = fixture.home.resolve("timetable.csv");
            String weekday = LocalDateTime.now().getDayOfWeek().name().toLowerCase(java.util.Locale.ROOT);
            Files.write(timetable, List.of("class,weekday,start,end",
                    "5A," + weekday + "," + earlierStart + "," + earlierStart.plusHours(1),
                    "5A," + weekday + "," + currentStart + "," + currentStart.plusHours(1),
                    "5B," + weekday + "," + currentStart + "," + currentStart.plusHours(1)));
            fixture.settings.put("TIMETABLE", timetable.toString());
            List<Path> photos = GatewayFixture.lfwPhotos(lookAlike);
            fixture.enroll(lookAlike, photos.get(0), photos.get(1));
            for (String id : List.of(seen, lookAlike)) {
                Files.writeString(fixture.faces.resolve(id).resolve("student.json"), "{\"name\": \"" + name(id)
                        + "\", \"class\": \"5A\", \"consent\": {\"given_by\": \"Guardian of " + name(id)
                        + "\", \"date\": \"2026-02-01\"}}");
            }
            Database db = Database.open(fixture.sqlite);
            StudentStore students = new StudentStore(db);
            for (String id : List.of(seen, lookAlike, onTime, late, neverSeen)) {
                students.upsert(id, name(id), "5A");
            }
            DashboardUserStore users = new DashboardUserStore(db);
            users.save(TEACHER, PasswordHash.of(TEACHER_PASSWORD.toCharArray()));
            users.setAccess(TEACHER, DashboardAccess.teacherOf(java.util.Set.of("5A")));
            reviewId = new ReviewStore(db).addUnlessRecent(new ReviewItem(null, lookAlike, seen, "test-door",
                    Instant.now().minusSeconds(30), "low_margin", 0.3, 0.32, 95.0, "local",
                    Files.readAllBytes(photos.get(2)), null, null), Duration.ofMinutes(10)).orElseThrow().id();
            runEarlierLesson(db, timetable);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The earlier lesson as the gateway would have kept it: two sightings, then the lesson timer at its end. */
    private void runEarlierLesson(Database db, Path timetable) {
        ZoneId zone = ZoneId.systemDefault();
        Instant start = LocalDateTime.now().with(earlierStart).atZone(zone).toInstant();
        TimetableSource source = new TimetableSource(timetable, db);
        source.reload();
        LessonAttendance lessons = new LessonAttendance(db, source, "test-door", 10, 10, 7, zone,
                Clock.fixed(start.plus(Duration.ofMinutes(61)), zone));
        lessons.trackFrom(start.minus(Duration.ofHours(1)));
        AttendanceStore attendance = new AttendanceStore(db, lessons);
        attendance.recordUnlessRecent(onTime, "test-door", start.plus(Duration.ofMinutes(2)), 97.0, 0.3, "local",
                Duration.ofMinutes(10)).orElseThrow();
        lateRecordId = attendance.recordUnlessRecent(late, "test-door", start.plus(Duration.ofMinutes(20)), 96.0, 0.31,
                "local", Duration.ofMinutes(10)).orElseThrow().id();
        lessons.closeEndedLessons();
    }
}
