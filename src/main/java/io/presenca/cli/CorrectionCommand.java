package io.presenca.cli;

import io.presenca.Gateway;
import io.presenca.config.Settings;
import io.presenca.lessons.LessonCorrections;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * A correction of the dashboard made from the command line ({@code mark}, {@code void}): who makes it
 * and why are required, and kept in the audit trail with it. A refused correction changes nothing (exit 2).
 */
abstract class CorrectionCommand implements Callable<Integer> {

    private final PrintStream out;

    @Spec
    private CommandSpec spec;
    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why, for the audit trail.")
    private String reason;
    @Option(names = "--by", required = true, paramLabel = "NAME", description = "Who makes the correction.")
    private String by;

    CorrectionCommand(PrintStream out) {
        this.out = out;
    }

    /** Makes the correction on the gateway's current timetable; returns the line that says what was done. */
    abstract String correct(Gateway gateway, LessonCorrections corrections, String reason, String by);

    @Override
    public Integer call() {
        try (Gateway gateway = new Gateway(Settings.fromProcess())) {
            gateway.lessonAttendance().timetable().reload();
            out.println(correct(gateway, gateway.lessonCorrections(), reason, by));
            out.flush();
            return 0;
        } catch (LessonCorrections.Refused e) {
            throw usage(e.getMessage());
        }
    }

    /** The command line or what it names is wrong: {@code message} and this command's usage, exit 2. */
    ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), spec.name() + ": " + message);
    }
}
