package io.presenca.lessons;

import static io.presenca.lessons.LessonStatus.ABSENT;
import static io.presenca.lessons.LessonStatus.EXCUSED;
import static io.presenca.lessons.LessonStatus.LATE;
import static io.presenca.lessons.LessonStatus.MANUAL;
import static io.presenca.lessons.LessonStatus.VOID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presenca.store.AttendanceRecord;
import io.presenca.store.AttendanceStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LessonCorrectionsTest {

    private final LessonDay day = new LessonDay().firstStartAt("07:00");
    private final List<String> learnedFrom = new ArrayList<>();
    private final LessonCorrections corrections = new LessonCorrections(day.db, day.lessons, LessonDay.DEVICE, 10,
            (recordId, admin) -> learnedFrom.add(recordId + " by " + admin));

    @Test
    void aTeacherMarksAnAbsentStudentPresentWithAManualRecordThatSyncsLikeAnyOther() {
        day.endLessonsAt("08:50");
        day.clock.now = LessonDay.at("09:10");

        String recordId = corrections.mark("caio", LessonDay.lesson("5A", "08:00"), false, "was in the library", "Prof. Lima");

        assertEquals(MANUAL, day.statuses("5A", "08:00").get("caio"));
        AttendanceRecord record = new AttendanceStore(day.db).find(recordId).orElseThrow();
        assertEquals(AttendanceStore.MANUAL, record.matcher());
        assertEquals("pending", record.syncStatus().column(), "sent to the school's API with the next sync");
        assertNull(record.confidence());
        assertEquals(LessonDay.at("09:10"), record.capturedAt());
        assertTrue(new LessonStore(day.db).auditTrail(10).get(0).matches(
                "2026-03-02T09:10:00.000Z \\| Prof. Lima \\| mark manual \\| student caio, lesson 5A 2026-03-02 08:00"
                        + " \\| record " + recordId + " \\| was in the library"), new LessonStore(day.db).auditTrail(10).get(0));
        // a manual record made at 09:10 is not a sighting for the 09:00 lesson
        day.endLessonsAt("09:50");
        assertEquals(ABSENT, day.statuses("5A", "09:00").get("caio"));
    }

    @Test
    void anExcuseIsAStatusWithoutAnAttendanceRecord() {
        long before = new AttendanceStore(day.db).count();

        assertNull(corrections.mark("eva", LessonDay.lesson("5B", "08:00"), true, "doctor's appointment", "Secretaria"));

        day.endLessonsAt("09:30");
        assertEquals(Map.of("davi", ABSENT, "eva", EXCUSED), day.statuses("5B", "08:00"));
        assertEquals(before, new AttendanceStore(day.db).count(), "an excused student was not there");
    }

    @Test
    void aVoidKeepsTheRecordVoidsItsStatusIsAuditedSentAsAnEventAndLearnedFrom() {
        AttendanceRecord wrong = day.seen("bia", "08:03");
        day.seen("ana", "08:20");
        day.clock.now = LessonDay.at("08:30");

        List<LessonMark> voided = corrections.voidRecord(wrong.id(), "that was her sister", "admin");

        assertEquals(1, voided.size());
        assertEquals(Map.of("ana", LATE, "bia", VOID), day.statuses("5A", "08:00"));
        assertTrue(new AttendanceStore(day.db).find(wrong.id()).isPresent(), "never deleted");
        assertTrue(new LessonStore(day.db).isVoided(wrong.id()));
        assertEquals(List.of(wrong.id() + " by admin"), learnedFrom);
        assertEquals(1L, day.events().get("void"));
        // the lesson's end does not turn a void into an absence or back into present
        day.endLessonsAt("08:50");
        assertEquals(Map.of("ana", LATE, "bia", VOID, "caio", ABSENT), day.statuses("5A", "08:00"));
        assertTrue(new LessonStore(day.db).auditTrail(1).get(0).contains("| admin | void | record " + wrong.id()));
    }

    @Test
    void correctionsThatCannotBeRightAreRefusedWithWhatToDo() {
        LessonOnDate first = LessonDay.lesson("5A", "08:00");
        day.clock.now = LessonDay.at("07:30");

        assertTrue(assertThrows(LessonCorrections.Refused.class, () -> corrections.mark("ana", first, false, "ok", "t"))
                .getMessage().contains("has not started yet"));
        day.clock.now = LessonDay.at("08:10");
        assertTrue(assertThrows(LessonCorrections.Refused.class, () -> corrections.mark("ana", first, false, " ", "t"))
                .getMessage().contains("Say a reason"));
        assertTrue(assertThrows(LessonCorrections.Refused.class, () -> corrections.mark("davi", first, false, "ok", "t"))
                .getMessage().contains("is in class 5B, not 5A"));
        assertTrue(assertThrows(LessonCorrections.Refused.class, () -> corrections.mark("zoe", first, false, "ok", "t"))
                .getMessage().contains("No student 'zoe'"));
        assertTrue(assertThrows(LessonCorrections.Refused.class, () -> corrections.voidRecord("nope", "wrong", "admin"))
                .getMessage().contains("No attendance record 'nope'"));
        String id = day.seen("ana", "08:05").id();
        corrections.voidRecord(id, "wrong", "admin");
        assertTrue(assertThrows(LessonCorrections.Refused.class, () -> corrections.voidRecord(id, "again", "admin"))
                .getMessage().contains("already voided"));
        assertEquals(1, new LessonStore(day.db).auditTrail(10).size(), "a refused correction changes nothing");
    }
}
