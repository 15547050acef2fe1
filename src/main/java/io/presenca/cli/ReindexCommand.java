package io.presenca.cli;

import io.presenca.Gateway;
import io.presenca.config.Settings;
import io.presenca.rekognition.CollectionSync;
import io.presenca.rekognition.RekognitionFailure;
import io.presenca.students.EnrollmentReport;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code reindex}: rebuilds the Rekognition collection from the enrollment photos. Enrollment runs
 * first so the collection matches FACES_DIR; then the collection is deleted, created again on
 * Rekognition's current face model (collections are tied to the model they were made with) and every
 * accepted photo indexed, a line each. Works whatever MATCHER is, so a collection can be prepared
 * before switching to it.
 */
@Command(name = "reindex",
        description = "Rebuild the AWS Rekognition collection (REKOGNITION_COLLECTION_ID) from the enrollment photos: "
        + "after a Rekognition face model upgrade, or to start over. Exit 1 when Rekognition does not "
        + "answer.")
final class ReindexCommand implements Callable<Integer> {

    private final PrintStream out;
    private final PrintStream err;

    ReindexCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        try (Gateway gateway = new Gateway(Settings.fromProcess())) {
            EnrollmentReport enrollment = gateway.enrollment().run();
            out.println(enrollment.summary());
            CollectionSync.Report report = gateway.rekognition().collectionSync().reindex(out);
            out.flush();
            if (report.complete()) {
                return 0;
            }
            RekognitionFailure refused = gateway.rekognition().link().disabledBy();
            err.println(refused != null
                    ? "Rekognition refused the AWS credentials (" + refused.message() + "). Set AWS_ACCESS_KEY_ID,"
                            + " AWS_SECRET_ACCESS_KEY and AWS_REGION for an IAM user allowed the actions in README.md."
                    : "Rekognition did not answer (see the lines above); run reindex again when it is reachable."
                            + " The gateway also indexes the missing photos by itself while it runs.");
            return 1;
        }
    }
}
