package io.presenca.lessons;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The lessons of every class in a week, without overlaps within a class, and the problems found
 * while reading them. Immutable: a reload builds a new one.
 */
public final class Timetable {

    public static final Timetable EMPTY = new Timetable("no timetable", List.of(), List.of());

    private final String source;
    private final List<Lesson> lessons;
    private final List<TimetableProblem> problems;

    private Timetable(String source, List<Lesson> lessons, List<TimetableProblem> problems) {
        this.source = source;
        this.lessons = List.copyOf(lessons);
        this.problems = List.copyOf(problems);
    }

    /** Where the lessons came from: the file, or the central database. */
    public String source() {
        return source;
    }

    public List<Lesson> lessons() {
        return lessons;
    }

    public List<TimetableProblem> problems() {
        return problems;
    }

    public boolean isEmpty() {
        return lessons.isEmpty();
    }

    public Set<String> classes() {
        Set<String> classes = new TreeSet<>();
        lessons.forEach(l -> classes.add(l.className()));
        return classes;
    }

    /**
     * The lesson a sighting at local time {@code at} by {@code deviceId} counts for: the one in
     * progress, else the next one starting within {@code early} minutes (a child who comes in
     * before the bell is present for the lesson that is about to begin).
     */
    public Optional<LessonOnDate> lessonAt(String className, String deviceId, LocalDateTime at, int earlyMinutes) {
        LocalTime time = at.toLocalTime();
        DayOfWeek day = at.getDayOfWeek();
        Lesson upcoming = null;
        for (Lesson lesson : lessons) {
            if (!lesson.className().equals(className) || lesson.weekday() != day || !lesson.watchedBy(deviceId)) {
                continue;
            }
            if (!time.isBefore(lesson.start()) && time.isBefore(lesson.end())) {
                return Optional.of(new LessonOnDate(lesson, at.toLocalDate()));
            }
            boolean soon = time.isBefore(lesson.start()) && !time.isBefore(lesson.start().minusMinutes(earlyMinutes))
                    && lesson.start().minusMinutes(earlyMinutes).isBefore(lesson.start()); // not across midnight
            if (soon && (upcoming == null || lesson.start().isBefore(upcoming.start()))) {
                upcoming = lesson;
            }
        }
        return Optional.ofNullable(upcoming).map(l -> new LessonOnDate(l, at.toLocalDate()));
    }

    /** Every lesson on {@code date}, in start order. */
    public List<LessonOnDate> lessonsOn(LocalDate date) {
        return lessons.stream().filter(l -> l.weekday() == date.getDayOfWeek())
                .sorted(Comparator.comparing(Lesson::start).thenComparing(Lesson::className))
                .map(l -> new LessonOnDate(l, date)).toList();
    }

    /** The lesson of {@code className} on {@code date} that starts at {@code start}. */
    public Optional<LessonOnDate> lesson(String className, LocalDate date, LocalTime start) {
        return lessonsOn(date).stream()
                .filter(l -> l.className().equals(className) && l.lesson().start().equals(start)).findFirst();
    }

    /** Collects lessons one by one, leaving out (as an error) one that overlaps a lesson of its class already in. */
    static final class Builder {
        private final String source;
        private final Set<String> knownClasses;
        private final List<Lesson> lessons = new ArrayList<>();
        private final List<TimetableProblem> problems = new ArrayList<>();

        /** {@code knownClasses}: the classes of the students this gateway knows; empty when not known yet. */
        Builder(String source, Set<String> knownClasses) {
            this.source = source;
            this.knownClasses = knownClasses;
        }

        void add(Lesson lesson) {
            for (Lesson other : lessons) {
                if (other.overlaps(lesson)) {
                    error(lesson.origin(), "lesson " + lesson + " overlaps " + other + " (" + other.origin()
                            + "); a class has one lesson at a time. This line is left out: fix the times.");
                    return;
                }
            }
            if (!knownClasses.isEmpty() && !knownClasses.contains(lesson.className())) {
                // kept: the class's students may come with the next enrollment or student sync
                problems.add(new TimetableProblem(lesson.origin(), "class '" + lesson.className()
                        + "' is not the class of any student this gateway knows (classes: " + String.join(", ", new TreeSet<>(knownClasses))
                        + "). The lesson is kept but nobody is marked for it; check the spelling.", false));
            }
            lessons.add(lesson);
        }

        void error(String where, String what) {
            problems.add(new TimetableProblem(where, what, true));
        }

        Timetable build() {
            return new Timetable(source, lessons, problems);
        }
    }
}
