package io.presenca.cli;

import io.presenca.Gateway;
import io.presenca.lessons.LessonCorrections;
import io.presenca.lessons.LessonMark;
import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code void <record_id> --reason TEXT --by NAME}: the dashboard's void of a wrong record, from the
 * command line. The record is kept; the void is in the audit trail with who made it and why.
 */
@Command(name = "void",
        description = "Void a wrong attendance record: it is kept, its lesson statuses become void, the void is audited "
        + "and synced.")
final class VoidCommand extends CorrectionCommand {

    @Parameters(paramLabel = "RECORD_ID", description = "The attendance record to void.")
    private String recordId;

    VoidCommand(PrintStream out) {
        super(out);
    }

    @Override
    String correct(Gateway gateway, LessonCorrections corrections, String reason, String by) {
        List<LessonMark> voided = corrections.voidRecord(recordId, reason, by);
        return "Record " + recordId + " voided; " + voided.size() + " lesson status(es) now void"
                + voided.stream().map(m -> " (" + m.className() + " " + m.date() + " " + m.start() + ")")
                .collect(Collectors.joining());
    }
}
