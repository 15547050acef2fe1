package io.presenca;

import io.presenca.config.Settings;
import io.presenca.lessons.LessonAttendance;
import io.presenca.lessons.LessonCorrections;
import io.presenca.lessons.LessonMark;
import io.presenca.lessons.LessonOnDate;
import io.presenca.store.StudentStore;
import java.io.PrintStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code mark <student_id> --lesson YYYY-MM-DDTHH:MM [--excused] --reason TEXT --by NAME} and
 * {@code void <record_id> --reason TEXT --by NAME}: the corrections of the dashboard, from the
 * command line. Each is kept in the audit trail with who made it and why.
 */
final class CorrectionCommand {

    private final Settings settings;
    private final String command;
    private final String subject;
    private final CommandOptions options;

    CorrectionCommand(Settings settings, String command, List<String> arguments) {
        if (arguments.isEmpty() || arguments.get(0).startsWith("--")) {
            throw new Presenca.UsageException(command + ": give the " + (command.equals("mark") ? "student id" : "record id")
                    + " first, e.g. " + (command.equals("mark")
                    ? "mark ana --lesson 2026-03-02T08:00 --reason \"in the library\" --by \"Prof. Lima\""
                    : "void 3f2c... --reason \"her sister, not her\" --by admin"));
        }
        this.settings = settings;
        this.command = command;
        this.subject = arguments.get(0);
        this.options = new CommandOptions(command, arguments.subList(1, arguments.size()),
                command.equals("mark") ? Set.of("--lesson", "--reason", "--by") : Set.of("--reason", "--by"),
                command.equals("mark") ? Set.of("--excused") : Set.of());
    }

    int run(PrintStream out) {
        String reason = options.required("--reason");
        String by = options.required("--by");
        try (Gateway gateway = new Gateway(settings)) {
            LessonAttendance lessons = gateway.lessonAttendance();
            lessons.timetable().reload();
            LessonCorrections corrections = gateway.lessonCorrections();
            if (command.equals("mark")) {
                LessonOnDate lesson = lesson(gateway, lessons);
                boolean excused = options.has("--excused");
                String recordId = corrections.mark(subject, lesson, excused, reason, by);
                out.println("Student " + subject + " marked " + (excused ? "excused" : "present (manual)") + " for "
                        + lesson + (recordId == null ? "" : ": record " + recordId));
            } else {
                List<LessonMark> voided = corrections.voidRecord(subject, reason, by);
                out.println("Record " + subject + " voided; " + voided.size() + " lesson status(es) now void"
                        + voided.stream().map(m -> " (" + m.className() + " " + m.date() + " " + m.start() + ")")
                        .collect(Collectors.joining()));
            }
            out.flush();
            return 0;
        } catch (LessonCorrections.Refused e) {
            throw new Presenca.UsageException(command + ": " + e.getMessage());
        }
    }

    /** The student's class's lesson starting at --lesson's date and time. */
    private LessonOnDate lesson(Gateway gateway, LessonAttendance lessons) {
        String value = options.required("--lesson");
        LocalDateTime start;
        try {
            start = LocalDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw new Presenca.UsageException("mark: --lesson '" + value + "' is not a lesson start like 2026-03-02T08:00.");
        }
        String className = new StudentStore(gateway.database()).find(subject).map(s -> s.className()).orElseThrow(() ->
                new Presenca.UsageException("mark: no student '" + subject + "' on this gateway."));
        return lessons.timetable().current().lesson(className, start.toLocalDate(), start.toLocalTime())
                .orElseThrow(() -> new Presenca.UsageException("mark: class " + className + " has no lesson starting at "
                        + value + " in " + lessons.timetable().current().source() + "; its lessons that day: "
                        + lessons.timetable().current().lessonsOn(start.toLocalDate()).stream()
                        .filter(l -> l.className().equals(className)).map(l -> l.lesson().start().toString())
                        .collect(Collectors.joining(", ", "[", "]")) + "."));
    }
}
