package io.presenca.cli;

import io.presenca.Gateway;
import io.presenca.config.Settings;
import io.presenca.lessons.LessonCsv;
import io.presenca.lessons.LessonStore;
import io.presenca.store.AttendanceCsv;
import io.presenca.store.AttendanceStore;
import io.presenca.store.Database;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code export [--from YYYY-MM-DD] [--to YYYY-MM-DD]}: attendance records as CSV on standard output;
 * {@code export --lessons [--date YYYY-MM-DD] [--class C]}: one row per student and lesson with the status.
 */
@Command(name = "export",
        description = "Print attendance as CSV (local dates, both inclusive); with --lessons, one CSV row per student "
        + "and lesson with its status.")
final class ExportCommand implements Callable<Integer> {

    private final PrintStream out;

    @Spec
    private CommandSpec spec;
    @Option(names = "--from", paramLabel = "YYYY-MM-DD", converter = DayConverter.class,
            description = "First day of attendance records.")
    private LocalDate from;
    @Option(names = "--to", paramLabel = "YYYY-MM-DD", converter = DayConverter.class,
            description = "Last day of attendance records.")
    private LocalDate to;
    @Option(names = "--lessons", description = "Lesson statuses instead of attendance records.")
    private boolean lessons;
    @Option(names = "--date", paramLabel = "YYYY-MM-DD", converter = DayConverter.class,
            description = "With --lessons: only this day's lessons.")
    private LocalDate date;
    @Option(names = "--class", paramLabel = "C", description = "With --lessons: only this class.")
    private String className;

    ExportCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        checkOptions();
        Database database = Gateway.openDatabase(Settings.fromProcess());
        try {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            if (lessons) {
                LessonCsv.write(writer, new LessonStore(database).marks(date, className));
            } else {
                AttendanceCsv.write(writer, new AttendanceStore(database).between(from, to, ZoneId.systemDefault()));
            }
            writer.flush();
            return 0;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write the CSV: " + e.getMessage(), e);
        }
    }

    private void checkOptions() {
        if (lessons && (from != null || to != null)) {
            throw new ParameterException(spec.commandLine(),
                    "export: --lessons takes --date and --class, not --from or --to.");
        }
        if (!lessons && (date != null || className != null)) {
            throw new ParameterException(spec.commandLine(), "export: --date and --class go with --lessons.");
        }
        if (from != null && to != null && to.isBefore(from)) {
            throw new ParameterException(spec.commandLine(), "export: --to " + to + " is before --from " + from + ".");
        }
    }
}
