package io.presenca.web;

import io.presenca.lessons.LessonAttendance;
import io.presenca.lessons.LessonCsv;
import io.presenca.lessons.LessonMark;
import io.presenca.lessons.LessonOnDate;
import io.presenca.lessons.LessonStatus;
import io.presenca.lessons.LessonStore;
import io.presenca.lessons.LessonSummary;
import io.presenca.store.DashboardAccess;
import io.presenca.store.Database;
import io.presenca.store.ReviewItem;
import io.presenca.store.ReviewStore;
import io.presenca.store.Student;
import io.presenca.store.StudentStore;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's day: every lesson of the chosen date in the classes the user may see, with how many
 * students are present, late, absent and waiting for review, and the students themselves, the absent
 * first (the list a teacher acts on).
 */
final class DayView {

    /** Enrolled, no status while the lesson runs (absent is decided when it ends). */
    static final String NOT_SEEN_YET = "not seen yet";
    /** Enrolled, no status after the lesson ended: joined the class later, or the lesson ended before the gateway kept lessons. */
    static final String NOT_MARKED = "not marked";
    /** Order of the student list: who is missing first, who is there last. */
    private static final List<String> ORDER = List.of("absent", NOT_SEEN_YET, NOT_MARKED, "late", "void", "excused",
            "manual", "present");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    record StudentInLesson(String id, String name, String status, String recordId, String firstSeen) {
    }

    record LessonView(String className, String date, String start, String end, boolean ended,
                      Map<String, Long> counts, List<StudentInLesson> students) {
    }

    private final LessonAttendance lessons;
    private final LessonStore store;
    private final StudentStore students;
    private final ReviewStore reviews;
    private final Duration early;

    DayView(Database db, LessonAttendance lessons, int earlyMinutes) {
        this.lessons = lessons;
        this.store = new LessonStore(db);
        this.students = new StudentStore(db);
        this.reviews = new ReviewStore(db);
        this.early = Duration.ofMinutes(earlyMinutes);
    }

    List<LessonView> lessonsOn(LocalDate date, DashboardAccess access) {
        List<Student> active = students.findActive();
        List<ReviewItem> open = reviews.open();
        List<LessonView> views = new ArrayList<>();
        for (LessonSummary summary : lessons.day(date, null)) {
            LessonOnDate lesson = summary.lesson();
            if (access.sees(lesson.className())) {
                views.add(view(summary, active, open));
            }
        }
        return views;
    }

    private LessonView view(LessonSummary summary, List<Student> active, List<ReviewItem> open) {
        LessonOnDate lesson = summary.lesson();
        ZoneId zone = lessons.zone();
        Map<String, StudentInLesson> byStudent = new LinkedHashMap<>();
        for (LessonMark mark : store.marks(lesson.date(), lesson.className())) {
            if (mark.start().equals(lesson.lesson().start())) {
                byStudent.put(mark.studentId(), new StudentInLesson(mark.studentId(), mark.studentName(),
                        mark.status().column(), mark.recordId(),
                        mark.firstSeenAt() == null ? null : TIME.format(mark.firstSeenAt().atZone(zone))));
            }
        }
        for (Student student : active) {
            if (lesson.className().equals(student.className())) {
                byStudent.putIfAbsent(student.id(), new StudentInLesson(student.id(), student.name(),
                        summary.ended() ? NOT_MARKED : NOT_SEEN_YET, null, null));
            }
        }
        List<StudentInLesson> list = new ArrayList<>(byStudent.values());
        list.sort(Comparator.comparing((StudentInLesson s) -> ORDER.indexOf(s.status()))
                .thenComparing(s -> s.name() == null ? s.id() : s.name()));
        Map<String, Long> counts = new LinkedHashMap<>();
        for (LessonStatus status : LessonStatus.values()) {
            counts.put(status.column(), summary.count(status));
        }
        counts.put("review", reviewsDuring(lesson, active, open));
        return new LessonView(lesson.className(), lesson.date().toString(), lesson.lesson().start().toString(),
                lesson.lesson().end().toString(), summary.ended(), counts, list);
    }

    /** The day's statuses as {@code export --lessons --date D} prints them, only of the classes the user sees. */
    String csv(LocalDate date, DashboardAccess access) {
        java.io.StringWriter out = new java.io.StringWriter();
        try {
            LessonCsv.write(out, store.marks(date, null).stream().filter(m -> access.sees(m.className())).toList());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Open review items of the class's students captured while the lesson ran (or just before it). */
    private long reviewsDuring(LessonOnDate lesson, List<Student> active, List<ReviewItem> open) {
        Instant from = lesson.startsAt(lessons.zone()).minus(early);
        Instant to = lesson.endsAt(lessons.zone());
        return open.stream().filter(item -> !item.capturedAt().isBefore(from) && item.capturedAt().isBefore(to))
                .filter(item -> active.stream().anyMatch(s -> s.id().equals(item.studentId())
                        && lesson.className().equals(s.className())))
                .count();
    }
}
