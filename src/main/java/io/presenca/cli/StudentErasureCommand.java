package io.presenca.cli;

import io.presenca.Gateway;
import io.presenca.config.EraseAttendance;
import io.presenca.config.Settings;
import io.presenca.privacy.ErasureReport;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * A command on one student's erasure ({@code erase}, {@code verify-erased}): prints the report, a line per
 * store, and exits 0 when every store is clear, 1 when one is not (the report says which).
 */
abstract class StudentErasureCommand implements Callable<Integer> {

    private final PrintStream out;

    @Spec
    private CommandSpec spec;
    @Parameters(paramLabel = "STUDENT_ID", description = "The student.")
    private String studentId;

    StudentErasureCommand(PrintStream out) {
        this.out = out;
    }

    /** @throws IllegalArgumentException when {@code studentId} cannot be a student's id */
    abstract ErasureReport report(Gateway gateway, String studentId, EraseAttendance attendance);

    @Override
    public Integer call() {
        Settings settings = Settings.fromProcess();
        try (Gateway gateway = new Gateway(settings)) {
            ErasureReport report;
            try {
                report = report(gateway, studentId, settings.eraseAttendance);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), spec.name() + ": " + e.getMessage());
            }
            report.print(out);
            out.flush();
            return report.complete() ? 0 : 1;
        }
    }
}
