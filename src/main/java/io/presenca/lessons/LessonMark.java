package io.presenca.lessons;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;

/** One student's status for one lesson, with the student's name for lists and exports. */
public record LessonMark(String className, LocalDate date, LocalTime start, LocalTime end, String studentId,
                         String studentName, LessonStatus status, String recordId, Instant firstSeenAt,
                         Instant decidedAt) {
}
