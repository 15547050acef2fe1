package io.presenca;

import io.presenca.config.Settings;
import io.presenca.privacy.ErasureReport;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code erase <student_id>} and {@code verify-erased <student_id>}: a student's right to erasure, and
 * the proof that it was done. Exit 0 when every store is clear, 1 when one is not (the report says which).
 */
final class EraseCommand {

    private final Settings settings;
    private final String command;
    private final String studentId;

    EraseCommand(Settings settings, String command, List<String> options) {
        if (options.size() != 1 || options.get(0).startsWith("--")) {
            throw new Presenca.UsageException(command + ": give exactly one student id.");
        }
        this.settings = settings;
        this.command = command;
        this.studentId = options.get(0);
    }

    int run(PrintStream out) {
        try (Gateway gateway = new Gateway(settings)) {
            ErasureReport report;
            try {
                report = command.equals("erase")
                        ? gateway.studentEraser().erase(studentId, settings.eraseAttendance)
                        : gateway.erasureCheck().verify(studentId, settings.eraseAttendance);
            } catch (IllegalArgumentException e) {
                throw new Presenca.UsageException(command + ": " + e.getMessage());
            }
            report.print(out);
            out.flush();
            return report.complete() ? 0 : 1;
        }
    }
}
