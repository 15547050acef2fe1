package io.presenca;

import io.presenca.config.Settings;
import io.presenca.rekognition.CollectionSync;
import io.presenca.rekognition.RekognitionFailure;
import io.presenca.students.EnrollmentReport;
import java.io.PrintStream;

/**
 * {@code reindex}: rebuilds the Rekognition collection from the enrollment photos. Enrollment runs
 * first so the collection matches FACES_DIR; then the collection is deleted, created again on
 * Rekognition's current face model (collections are tied to the model they were made with) and every
 * accepted photo indexed, a line each. Works whatever MATCHER is, so a collection can be prepared
 * before switching to it.
 */
final class ReindexCommand {

    private final Settings settings;

    ReindexCommand(Settings settings) {
        this.settings = settings;
    }

    int run(PrintStream out, PrintStream err) {
        try (Gateway gateway = new Gateway(settings)) {
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
