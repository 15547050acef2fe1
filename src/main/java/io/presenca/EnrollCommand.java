package io.presenca;

import io.presenca.config.Settings;
import io.presenca.students.EnrollmentReport;
import java.io.PrintStream;

/** {@code enroll}: processes FACES_DIR once and prints the per-photo report. */
final class EnrollCommand {

    private final Settings settings;

    EnrollCommand(Settings settings) {
        this.settings = settings;
    }

    int run(PrintStream out) {
        try (Gateway gateway = new Gateway(settings)) {
            EnrollmentReport report = gateway.enrollment().run();
            report.print(out);
            out.flush();
            return 0;
        }
    }
}
