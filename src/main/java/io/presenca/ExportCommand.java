package io.presenca;

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
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

/**
 * {@code export [--from YYYY-MM-DD] [--to YYYY-MM-DD]}: attendance records as CSV on standard output;
 * {@code export --lessons [--date YYYY-MM-DD] [--class C]}: one row per student and lesson with the status.
 */
final class ExportCommand {

    private final Settings settings;
    private final boolean lessons;
    private final LocalDate from;
    private final LocalDate to;
    private final LocalDate date;
    private final String className;

    ExportCommand(Settings settings, List<String> arguments) {
        this.settings = settings;
        CommandOptions options = new CommandOptions("export", arguments, Set.of("--from", "--to", "--date", "--class"),
                Set.of("--lessons"));
        this.lessons = options.has("--lessons");
        this.from = date(options, "--from");
        this.to = date(options, "--to");
        this.date = date(options, "--date");
        this.className = options.value("--class");
        if (lessons && (from != null || to != null)) {
            throw new Presenca.UsageException("export: --lessons takes --date and --class, not --from or --to.");
        }
        if (!lessons && (date != null || className != null)) {
            throw new Presenca.UsageException("export: --date and --class go with --lessons.");
        }
        if (from != null && to != null && to.isBefore(from)) {
            throw new Presenca.UsageException("export: --to " + to + " is before --from " + from + ".");
        }
    }

    int run(PrintStream out) {
        Database database = Gateway.openDatabase(settings);
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

    private static LocalDate date(CommandOptions options, String option) {
        String value = options.value(option);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new Presenca.UsageException("export: " + option + " '" + value + "' is not a date like 2026-03-01.");
        }
    }
}
