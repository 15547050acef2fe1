package io.presenca.cli;

import io.presenca.Gateway;
import io.presenca.config.EraseAttendance;
import io.presenca.privacy.ErasureReport;
import java.io.PrintStream;
import picocli.CommandLine.Command;

/** {@code verify-erased <student_id>}: the proof that {@code erase} was done. */
@Command(name = "verify-erased",
        description = "Check every store, the raw bytes of the database file and its write-ahead log included, for what "
        + "erase removed; exit 0 when clear, 1 when something is left (the report says where).")
final class VerifyErasedCommand extends StudentErasureCommand {

    VerifyErasedCommand(PrintStream out) {
        super(out);
    }

    @Override
    ErasureReport report(Gateway gateway, String studentId, EraseAttendance attendance) {
        return gateway.erasureCheck().verify(studentId, attendance);
    }
}
