package io.presenca.cli;

import io.presenca.Gateway;
import io.presenca.lessons.LessonAttendance;
import io.presenca.lessons.LessonCorrections;
import io.presenca.lessons.LessonOnDate;
import io.presenca.store.StudentStore;
import java.io.PrintStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code mark <student_id> --lesson YYYY-MM-DDTHH:MM [--excused] --reason TEXT --by NAME}: the dashboard's
 * manual mark, from the command line. It is kept in the audit trail with who made it and why.
 */
@Command(name = "mark",
        description = "Mark a student present (a record with matcher=manual) or excused for the lesson of their class "
        + "starting at --lesson; audited.")
final class MarkCommand extends CorrectionCommand {

    @Parameters(paramLabel = "STUDENT_ID", description = "The student to mark.")
    private String studentId;
    @Option(names = "--lesson", required = true, paramLabel = "YYYY-MM-DDTHH:MM", converter = LessonStart.class,
            description = "The day and start time of the lesson.")
    private LocalDateTime start;
    @Option(names = "--excused", description = "Excused instead of present.")
    private boolean excused;

    MarkCommand(PrintStream out) {
        super(out);
    }

    @Override
    String correct(Gateway gateway, LessonCorrections corrections, String reason, String by) {
        LessonOnDate lesson = lesson(gateway, gateway.lessonAttendance());
        String recordId = corrections.mark(studentId, lesson, excused, reason, by);
        return "Student " + studentId + " marked " + (excused ? "excused" : "present (manual)") + " for " + lesson
                + (recordId == null ? "" : ": record " + recordId);
    }

    /** The student's class's lesson starting at --lesson's date and time. */
    private LessonOnDate lesson(Gateway gateway, LessonAttendance lessons) {
        String className = new StudentStore(gateway.database()).find(studentId).map(s -> s.className())
                .orElseThrow(() -> usage("no student '" + studentId + "' on this gateway."));
        return lessons.timetable().current().lesson(className, start.toLocalDate(), start.toLocalTime())
                .orElseThrow(() -> usage("class " + className + " has no lesson starting at " + start + " in "
                        + lessons.timetable().current().source() + "; its lessons that day: "
                        + lessons.timetable().current().lessonsOn(start.toLocalDate()).stream()
                        .filter(l -> l.className().equals(className)).map(l -> l.lesson().start().toString())
                        .collect(Collectors.joining(", ", "[", "]")) + "."));
    }

    /** {@code --lesson}: a day and a start time. */
    static final class LessonStart implements ITypeConverter<LocalDateTime> {
        @Override
        public LocalDateTime convert(String value) {
            try {
                return LocalDateTime.parse(value);
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("'" + value + "' is not a lesson start like 2026-03-02T08:00.");
            }
        }
    }
}
