package io.presenca.lessons;

import io.presenca.events.EventOutbox;
import io.presenca.store.AttendanceRecord;
import io.presenca.store.AttendanceStore;
import io.presenca.store.Database;
import io.presenca.store.Sql;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What staff change by hand: a teacher marks a student present (an attendance record with
 * matcher=manual, synced like any other) or excused for a lesson, an admin voids a wrong automatic
 * record (kept, with a void row beside it, and synced as a void). Every change writes an audit row
 * (who, when, what, why) in the same transaction. The dashboard and the {@code mark} and
 * {@code void} commands call these methods.
 */
public final class LessonCorrections {

    /** A correction that was refused; the message says why and what to do. */
    public static final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }
    }

    private final Database db;
    private final LessonAttendance lessons;
    private final String deviceId;
    private final int earlyMinutes;
    private final VoidListener voidListener;

    public LessonCorrections(Database db, LessonAttendance lessons, String deviceId, int earlyMinutes,
                             VoidListener voidListener) {
        this.db = db;
        this.lessons = lessons;
        this.deviceId = deviceId;
        this.earlyMinutes = earlyMinutes;
        this.voidListener = voidListener;
    }

    /**
     * Marks {@code studentId} present ({@code excused} false) or excused for the lesson. A present mark
     * needs the lesson to have begun: nobody is marked present for a lesson that has not started.
     * Returns the manual record's id, or null for an excuse (an excused student was not there, so no
     * attendance record is made).
     */
    public String mark(String studentId, LessonOnDate lesson, boolean excused, String reason, String by) {
        String why = required(reason, "a reason");
        String who = required(by, "who makes the mark");
        Instant now = lessons.clock().instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        if (!excused && now.isBefore(lesson.startsAt(lessons.zone()).minus(Duration.ofMinutes(earlyMinutes)))) {
            throw new Refused("Lesson " + lesson + " has not started yet: a student can be marked present only"
                    + " once it has (an excuse can be given in advance).");
        }
        LessonStatus status = excused ? LessonStatus.EXCUSED : LessonStatus.MANUAL;
        return db.inTransaction(c -> {
            String className = LessonStore.classOf(c, studentId).orElseThrow(() -> new Refused(
                    "No student '" + studentId + "' on this gateway: check the id (enrolled students are under FACES_DIR)."));
            if (!lesson.className().equals(className)) {
                throw new Refused("Student " + studentId + " is in class " + className + ", not " + lesson.className()
                        + ": mark them for a lesson of their own class.");
            }
            String recordId = excused ? null : AttendanceStore.insertManual(c, studentId, deviceId, now).id();
            LessonStore.setStatus(c, lesson, studentId, status, recordId, now);
            LessonStore.audit(c, now, who, "mark " + status.column(), "student " + studentId + ", lesson " + lesson,
                    recordId == null ? null : "record " + recordId, why);
            return recordId;
        });
    }

    /** Voids an attendance record: it stays, marked as not counting; statuses resting on it become void. */
    public List<LessonMark> voidRecord(String recordId, String reason, String by) {
        String why = required(reason, "a reason");
        String who = required(by, "the admin who voids it");
        Instant now = lessons.clock().instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        AttendanceRecord record = new AttendanceStore(db).find(recordId).orElseThrow(() -> new Refused(
                "No attendance record '" + recordId + "': copy its id from `export` or the dashboard."));
        LessonEvents events = new LessonEvents(deviceId);
        List<LessonMark> voided = db.inTransaction(c -> {
            if (Sql.exists(c, "SELECT 1 FROM attendance_voids WHERE record_id = ?", recordId)) {
                throw new Refused("Record " + recordId + " is already voided; nothing changed.");
            }
            Sql.update(c, "INSERT INTO attendance_voids(record_id, voided_by, reason, voided_at) VALUES (?, ?, ?, ?)",
                    recordId, who, why, now);
            List<LessonMark> marks = LessonStore.voidStatusesOf(c, recordId, now);
            LessonStore.audit(c, now, who, "void", "record " + recordId, "student " + record.studentId() + " at "
                    + record.capturedAt() + ", " + marks.size() + " lesson status(es) now void", why);
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("voided_by", who);
            extra.put("reason", why);
            if (marks.isEmpty()) {
                events.write(c, EventOutbox.VOID, now, record.studentId(), null, null, recordId, extra);
            }
            for (LessonMark mark : marks) {
                LessonOnDate lesson = lessons.timetable().current().lesson(mark.className(), mark.date(), mark.start())
                        .orElse(new LessonOnDate(new Lesson(mark.className(), mark.date().getDayOfWeek(), mark.start(),
                                mark.end(), null, "lesson_attendance"), mark.date()));
                events.write(c, EventOutbox.VOID, now, record.studentId(), lesson, LessonStatus.VOID, recordId, extra);
            }
            return marks;
        });
        voidListener.voided(recordId, who); // the one call site for learning from a void (see VoidListener)
        return voided;
    }

    private static String required(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new Refused("Say " + what + ": corrections are kept in the audit trail with who made them and why.");
        }
        return value.strip();
    }
}
