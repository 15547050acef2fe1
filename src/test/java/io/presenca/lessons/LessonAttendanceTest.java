package io.presenca.lessons;

import static io.presenca.lessons.LessonStatus.ABSENT;
import static io.presenca.lessons.LessonStatus.LATE;
import static io.presenca.lessons.LessonStatus.PRESENT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.presenca.store.AttendanceStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LessonAttendanceTest {

    private final LessonDay day = new LessonDay().firstStartAt("07:00");

    @Test
    void earlyLateAndNeverSeenStudentsGetPresentLateAndAbsent() {
        day.seen("ana", "07:55");  // before the bell: present for 08:00
        day.seen("davi", "08:05");
        day.seen("bia", "08:15");  // more than 10 minutes after the start: late
        day.seen("ana", "09:02");  // the next period, watched by this door too

        assertEquals(Map.of("ana", PRESENT, "bia", LATE), day.statuses("5A", "08:00"), "known as they come in");
        assertEquals(0, day.endLessonsAt("08:49"), "no lesson has ended yet");

        assertEquals(1, day.endLessonsAt("08:50"));
        assertEquals(Map.of("ana", PRESENT, "bia", LATE, "caio", ABSENT), day.statuses("5A", "08:00"));

        assertEquals(2, day.endLessonsAt("09:50"));
        assertEquals(Map.of("ana", PRESENT, "bia", ABSENT, "caio", ABSENT), day.statuses("5A", "09:00"));
        assertEquals(Map.of("davi", PRESENT, "eva", ABSENT), day.statuses("5B", "08:00"));
        assertEquals(0, day.endLessonsAt("10:30"), "a lesson is closed once");
        // one arrival per student and day, one late, one absence per student and lesson
        assertEquals(Map.of("arrival", 3L, "late", 1L, "absent", 4L), day.events());
    }

    @Test
    void aRecordIsKeptWhenItsLessonStatusCannotBeWrittenAndTheLessonsEndCountsIt() {
        day.db.withConnection(c -> io.presenca.store.Sql.update(c, """
                CREATE TRIGGER outbox_refuses BEFORE INSERT ON event_outbox
                BEGIN SELECT RAISE(ABORT, 'outbox refuses'); END"""));

        String id = day.seen("ana", "08:02").id();

        assertEquals(1, new AttendanceStore(day.db).count(), "the sighting is committed");
        assertEquals(Map.of(), day.statuses("5A", "08:00"), "its status was rolled back with its event");
        day.db.withConnection(c -> io.presenca.store.Sql.update(c, "DROP TRIGGER outbox_refuses"));
        day.endLessonsAt("08:50");
        assertEquals(PRESENT, day.statuses("5A", "08:00").get("ana"));
        assertEquals(id, new LessonStore(day.db).marks(LessonDay.MONDAY, "5A").get(0).recordId());
    }

    @Test
    void theDayViewListsEachLessonWithItsCounts() {
        day.seen("ana", "07:55");
        day.seen("bia", "08:15");
        day.endLessonsAt("08:50");

        List<LessonSummary> lessons = day.lessons.day(LessonDay.MONDAY, null);

        assertEquals(List.of("08:00 5A", "08:00 5B", "09:00 5A"), lessons.stream()
                .map(l -> l.lesson().lesson().start() + " " + l.lesson().className()).toList());
        LessonSummary first = lessons.get(0);
        assertEquals(List.of(1L, 1L, 1L, true), List.of(first.count(PRESENT), first.count(LATE), first.count(ABSENT),
                first.ended()));
        assertEquals(false, lessons.get(1).ended());
        assertEquals(1, day.lessons.day(LessonDay.MONDAY, "5B").size());
    }

    @Test
    void lessonsThatEndedWhileTheGatewayWasOffAreCaughtUpWithTheirSightings() {
        // records written without lesson attribution (as by a gateway without a timetable yet)
        AttendanceStore plain = new AttendanceStore(day.db);
        plain.recordUnlessRecent("eva", LessonDay.DEVICE, LessonDay.at("08:20"), 97.0, 0.3, "local", Duration.ZERO);
        plain.recordUnlessRecent("ana", LessonDay.DEVICE, LessonDay.at("09:01"), 97.0, 0.3, "local", Duration.ZERO);

        assertEquals(3, day.endLessonsAt("13:00"));

        assertEquals(Map.of("ana", ABSENT, "bia", ABSENT, "caio", ABSENT), day.statuses("5A", "08:00"));
        assertEquals(Map.of("ana", PRESENT, "bia", ABSENT, "caio", ABSENT), day.statuses("5A", "09:00"));
        assertEquals(Map.of("davi", ABSENT, "eva", LATE), day.statuses("5B", "08:00"));
    }

    @Test
    void lessonsThatEndedBeforeTheGatewayKeptLessonsAreNotMarked() {
        LessonDay installedLate = new LessonDay().firstStartAt("09:40");
        installedLate.lessons.trackFrom(LessonDay.at("12:00")); // a restart does not move the first start

        assertEquals(1, installedLate.endLessonsAt("10:00"), "only 5A's 09:00-09:50 ended after the first start");
        assertEquals(Map.of(), installedLate.statuses("5A", "08:00"));
        assertEquals(Map.of(), installedLate.statuses("5B", "08:00"));
    }

    @Test
    void aRecordOfAnotherGatewayDoesNotCountForALessonWatchedByThisOne() {
        new AttendanceStore(day.db, day.lessons).recordUnlessRecent("bia", "door-hall", LessonDay.at("09:05"), 97.0,
                0.3, "local", Duration.ZERO);

        day.endLessonsAt("09:50");

        assertEquals(ABSENT, day.statuses("5A", "09:00").get("bia"));
    }
}
