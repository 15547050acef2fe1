package io.presenca.cli;

import io.presenca.Gateway;
import io.presenca.config.EraseAttendance;
import io.presenca.privacy.ErasureReport;
import java.io.PrintStream;
import picocli.CommandLine.Command;

/** {@code erase <student_id>}: a student's right to erasure. */
@Command(name = "erase",
        description = "Erase the student's photos, templates, crops, review items, Rekognition faces and central "
        + "templates; attendance as ERASE_ATTENDANCE says (keep|pseudonymise|delete). A line per store; "
        + "exit 1 when a store could not be reached.")
final class EraseCommand extends StudentErasureCommand {

    EraseCommand(PrintStream out) {
        super(out);
    }

    @Override
    ErasureReport report(Gateway gateway, String studentId, EraseAttendance attendance) {
        return gateway.studentEraser().erase(studentId, attendance);
    }
}
