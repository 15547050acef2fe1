package io.presenca.cli;

import io.presenca.Gateway;
import io.presenca.config.Settings;
import io.presenca.students.EnrollmentReport;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code enroll}: processes FACES_DIR once and prints the per-photo report. */
@Command(name = "enroll", description = "Enroll FACES_DIR/<student_id>/*.jpg|png and print a report per photo.")
final class EnrollCommand implements Callable<Integer> {

    private final PrintStream out;

    EnrollCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        try (Gateway gateway = new Gateway(Settings.fromProcess())) {
            EnrollmentReport report = gateway.enrollment().run();
            report.print(out);
            out.flush();
            return 0;
        }
    }
}
