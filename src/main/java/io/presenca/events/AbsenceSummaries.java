package io.presenca.events;

import io.presenca.lessons.LessonAttendance;
import io.presenca.lessons.LessonMark;
import io.presenca.lessons.LessonStatus;
import io.presenca.lessons.LessonStore;
import io.presenca.store.Database;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Timer-route step: once a day at ABSENCE_SUMMARY_TIME, one absence-summary event per class with
 * lessons that day (absent, late, excused and void students per lesson), for the office's e-mail.
 * Written once per class and day (the outbox's dedupe key), so a restart does not send it twice.
 */
public final class AbsenceSummaries {

    private final Database db;
    private final LessonAttendance lessons;
    private final LocalTime sendAt;
    private final Clock clock;

    public AbsenceSummaries(Database db, LessonAttendance lessons, LocalTime sendAt, Clock clock) {
        this.db = db;
        this.lessons = lessons;
        this.sendAt = sendAt;
        this.clock = clock;
    }

    /** Returns how many summaries were written now (0 before the time, or when today's are written). */
    public int writeDue() {
        LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), lessons.zone());
        if (now.toLocalTime().isBefore(sendAt)) {
            return 0;
        }
        return write(now.toLocalDate());
    }

    int write(LocalDate date) {
        Map<String, List<LessonMark>> byClass = new TreeMap<>();
        for (LessonMark mark : new LessonStore(db).marks(date, null)) {
            byClass.computeIfAbsent(mark.className(), c -> new ArrayList<>()).add(mark);
        }
        int written = 0;
        for (Map.Entry<String, List<LessonMark>> entry : byClass.entrySet()) {
            Map<String, Object> fields = summary(entry.getKey(), date, entry.getValue());
            if (db.inTransaction(c -> EventOutbox.write(c, EventOutbox.ABSENCE_SUMMARY, clock.instant(), fields,
                    EventOutbox.ABSENCE_SUMMARY + "/" + entry.getKey() + "/" + date))) {
                written++;
            }
        }
        return written;
    }

    private static Map<String, Object> summary(String className, LocalDate date, List<LessonMark> marks) {
        StringBuilder text = new StringBuilder("Class " + className + ", " + date + "\n");
        List<Map<String, Object>> perLesson = new ArrayList<>();
        Map<String, List<LessonMark>> byLesson = new LinkedHashMap<>();
        marks.forEach(m -> byLesson.computeIfAbsent(m.start() + "-" + m.end(), k -> new ArrayList<>()).add(m));
        long absences = 0;
        for (Map.Entry<String, List<LessonMark>> lesson : byLesson.entrySet()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("lesson", lesson.getKey());
            text.append("\n").append(lesson.getKey()).append("\n");
            for (LessonStatus status : List.of(LessonStatus.ABSENT, LessonStatus.LATE, LessonStatus.EXCUSED,
                    LessonStatus.VOID)) {
                List<String> students = lesson.getValue().stream().filter(m -> m.status() == status)
                        .map(m -> (m.studentName() == null ? m.studentId() : m.studentName() + " (" + m.studentId() + ")"))
                        .toList();
                entry.put(status.column(), students);
                if (!students.isEmpty()) {
                    text.append("  ").append(status.column()).append(": ").append(String.join(", ", students)).append("\n");
                }
                absences += status == LessonStatus.ABSENT ? students.size() : 0;
            }
            perLesson.add(entry);
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("class", className);
        fields.put("date", date.toString());
        fields.put("lessons", perLesson);
        fields.put("subject", "Absences " + className + " " + date + ": " + absences);
        fields.put("text", text.toString());
        return fields;
    }
}
