package io.presenca.web;

import io.presenca.lessons.AuditEntry;
import io.presenca.lessons.LessonStore;
import io.presenca.store.AttendanceRow;
import io.presenca.store.AttendanceStore;
import io.presenca.store.Database;
import io.presenca.store.Student;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * One student's page: their lesson statuses, their attendance records (confidence, matcher, and who
 * voided one and why), and every correction staff made about them.
 */
final class StudentHistory {

    /** How far back the page reaches: a term, not the whole database. */
    static final int DAYS = 120;
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    record LessonLine(String date, String className, String start, String end, String status, String recordId) {
    }

    record RecordLine(String id, String capturedAt, Double confidence, String matcher, String device, String voidedBy,
                      String voidReason) {
    }

    record CorrectionLine(String at, String who, String action, String subject, String detail, String reason) {
    }

    record View(String id, String name, String className, List<LessonLine> lessons, List<RecordLine> records,
                List<CorrectionLine> corrections) {
    }

    private final LessonStore lessons;
    private final AttendanceStore attendance;
    private final ZoneId zone;

    StudentHistory(Database db, ZoneId zone) {
        this.lessons = new LessonStore(db);
        this.attendance = new AttendanceStore(db);
        this.zone = zone;
    }

    View of(Student student, LocalDate today) {
        Map<String, AuditEntry> voids = lessons.voidsOf(student.id());
        List<RecordLine> records = attendance.between(today.minusDays(DAYS), today, zone).stream()
                .filter(row -> row.studentId().equals(student.id()))
                .sorted(java.util.Comparator.comparing(AttendanceRow::capturedAt).reversed())
                .map(row -> {
                    AuditEntry voided = voids.get(row.recordId());
                    return new RecordLine(row.recordId(), time(row.capturedAt()), row.confidence(), row.matcher(),
                            row.deviceId(), voided == null ? null : voided.who(), voided == null ? null : voided.reason());
                }).toList();
        List<LessonLine> marks = lessons.history(student.id()).stream()
                .map(m -> new LessonLine(m.date().toString(), m.className(), m.start().toString(), m.end().toString(),
                        m.status().column(), m.recordId())).toList();
        List<CorrectionLine> corrections = lessons.auditAbout(student.id()).stream()
                .map(a -> new CorrectionLine(time(a.at()), a.who(), a.action(), a.subject(), a.detail(), a.reason()))
                .toList();
        return new View(student.id(), student.name(), student.className(), marks, records, corrections);
    }

    private String time(Instant at) {
        return at == null ? null : DATE_TIME.format(at.atZone(zone));
    }
}
