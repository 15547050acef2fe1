package io.presenca;

import io.presenca.config.Settings;
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

/** {@code export [--from YYYY-MM-DD] [--to YYYY-MM-DD]}: attendance as CSV on standard output. */
final class ExportCommand {

    private final Settings settings;
    private LocalDate from;
    private LocalDate to;

    ExportCommand(Settings settings, List<String> options) {
        this.settings = settings;
        for (int i = 0; i < options.size(); i++) {
            String option = options.get(i);
            if (!option.equals("--from") && !option.equals("--to")) {
                throw new Presenca.UsageException("export: unknown option '" + option + "'.");
            }
            if (i + 1 >= options.size()) {
                throw new Presenca.UsageException("export: " + option + " needs a date, e.g. " + option + " 2026-03-01.");
            }
            LocalDate date = date(option, options.get(++i));
            if (option.equals("--from")) {
                from = date;
            } else {
                to = date;
            }
        }
        if (from != null && to != null && to.isBefore(from)) {
            throw new Presenca.UsageException("export: --to " + to + " is before --from " + from + ".");
        }
    }

    int run(PrintStream out) {
        Database database = Gateway.openDatabase(settings);
        try {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            AttendanceCsv.write(writer, new AttendanceStore(database).between(from, to, ZoneId.systemDefault()));
            writer.flush();
            return 0;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write the CSV: " + e.getMessage(), e);
        }
    }

    private static LocalDate date(String option, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new Presenca.UsageException("export: " + option + " '" + value + "' is not a date like 2026-03-01.");
        }
    }
}
