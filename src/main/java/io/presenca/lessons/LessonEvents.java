package io.presenca.lessons;

import io.presenca.events.EventOutbox;
import io.presenca.store.Timestamps;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes the lesson events (arrival, late, absent, void) in the schema README documents. */
final class LessonEvents {

    private final String deviceId;

    LessonEvents(String deviceId) {
        this.deviceId = deviceId;
    }

    /** An event about a student, in the caller's transaction; {@code lesson} may be null (a sighting outside lessons). */
    void write(Connection c, String kind, Instant at, String studentId, LessonOnDate lesson, LessonStatus status,
               String recordId, Map<String, Object> extra) throws SQLException {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("device_id", deviceId);
        Map<String, Object> student = new LinkedHashMap<>();
        student.put("id", studentId);
        student.put("name", LessonStore.nameOf(c, studentId).orElse(null));
        student.put("class", LessonStore.classOf(c, studentId).orElse(null));
        fields.put("student", student);
        fields.put("lesson", lesson == null ? null : lessonFields(lesson));
        fields.put("status", status == null ? null : status.column());
        fields.put("record_id", recordId);
        fields.putAll(extra);
        EventOutbox.write(c, kind, at, fields, null);
    }

    static Map<String, Object> lessonFields(LessonOnDate lesson) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("class", lesson.className());
        fields.put("date", lesson.date().toString());
        fields.put("start", lesson.lesson().start().toString());
        fields.put("end", lesson.lesson().end().toString());
        return fields;
    }

    static Map<String, Object> seenAt(Instant at) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("seen_at", Timestamps.format(at));
        return fields;
    }
}
