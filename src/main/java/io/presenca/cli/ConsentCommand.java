package io.presenca.cli;

import io.presenca.Gateway;
import io.presenca.config.Settings;
import io.presenca.privacy.ErasureReport;
import io.presenca.store.Consent;
import io.presenca.store.ConsentStore;
import io.presenca.store.StudentStore;
import io.presenca.students.StudentFolder;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code consent <student_id> [--given-by NAME [--date YYYY-MM-DD] [--scope TEXT] | --revoke [--date ...]]}:
 * shows, records or withdraws a guardian's consent. Withdrawing erases the student's face data at
 * once (templates, photos, crops, Rekognition faces); what cannot be reached now is retried by the
 * daily cleanup. A running gateway stops matching the student at its next enrollment rescan.
 */
@Command(name = "consent",
        description = "Show, record or withdraw a guardian's consent; withdrawing erases the student's face data at "
        + "once. Refused, recording nothing: an id with neither a FACES_DIR folder nor a row from the "
        + "school's database (nor a consent already recorded), a --date after today, a --scope that does "
        + "not cover attendance.")
final class ConsentCommand implements Callable<Integer> {

    private final PrintStream out;

    @Spec
    private CommandSpec spec;
    @Parameters(paramLabel = "STUDENT_ID", description = "The student.")
    private String studentId;
    @Option(names = "--given-by", paramLabel = "NAME", description = "Record consent given by this guardian.")
    private String givenBy;
    @Option(names = "--scope", paramLabel = "TEXT", description = "What the consent covers; must name attendance.")
    private String scope;
    @Option(names = "--revoke", description = "Withdraw consent and erase the student's face data.")
    private boolean revoke;
    @Option(names = "--date", paramLabel = "YYYY-MM-DD", converter = DayConverter.class,
            description = "The day the guardian signed (default: today).")
    private LocalDate signedOn;

    ConsentCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        String problem = StudentFolder.idProblem(studentId);
        if (problem != null) {
            throw usage("consent: '" + StudentFolder.printable(studentId) + "' is not a student id: " + problem);
        }
        if (revoke && givenBy != null) {
            throw usage("consent: --given-by and --revoke do not go together.");
        }
        Settings settings = Settings.fromProcess();
        try (Gateway gateway = new Gateway(settings)) {
            ConsentStore consents = new ConsentStore(gateway.database());
            Consent stored = consents.find(studentId).orElse(null);
            if (stored == null && !known(gateway, settings)) {
                throw usage("consent: there is no student " + studentId + ": no folder "
                        + settings.facesDir.resolve(studentId) + " and no such id from the school's database. Check the id"
                        + " (a typo would record consent for nobody), or add the student's folder first.");
            }
            LocalDate date = date();
            if (revoke) {
                Consent revoked = new Consent(studentId, stored == null ? null : stored.givenBy(),
                        stored == null ? null : stored.givenOn(), stored == null ? null : stored.scope(), date,
                        Consent.FROM_COMMAND);
                consents.record(revoked);
                out.println("Student " + studentId + ": consent " + revoked.describe());
                ErasureReport erased = gateway.studentEraser().eraseFaceData(studentId);
                erased.print(out);
                out.flush();
                return erased.complete() ? 0 : 1;
            }
            if (givenBy != null) {
                if (!Consent.coversAttendance(scope)) {
                    throw usage("consent: the scope '" + scope + "' does not cover attendance, so it"
                            + " would not let the gateway recognise " + studentId + "; nothing recorded. Give a --scope that"
                            + " names attendance (e.g. --scope \"attendance at the school door\") or leave it out.");
                }
                Consent given = new Consent(studentId, givenBy, date, scope, null,
                        Consent.FROM_COMMAND);
                if (!consents.record(given) && stored != null && stored.revokedOn() != null) {
                    out.println("Student " + studentId + ": consent was withdrawn on " + stored.revokedOn()
                            + "; give --date on or after that day to record it again.");
                    return 1;
                }
                out.println("Student " + studentId + ": consent " + given.describe()
                        + ". Their photos are enrolled at the next enrollment run.");
                return 0;
            }
            out.println("Student " + studentId + ": " + (stored == null ? "no consent recorded" : "consent " + stored.describe()
                    + " (recorded from " + stored.source() + ")"));
            return 0;
        }
    }

    /** A student the gateway has heard of: enrolled from a folder, or copied down from the central database. */
    private boolean known(Gateway gateway, Settings settings) {
        return Files.isDirectory(settings.facesDir.resolve(studentId))
                || new StudentStore(gateway.database()).find(studentId).isPresent();
    }

    /** The day given with --date (today without it); never a future day, which would be a consent nobody gave yet. */
    private LocalDate date() {
        if (signedOn == null) {
            return LocalDate.now();
        }
        if (signedOn.isAfter(LocalDate.now())) {
            throw usage("consent: --date " + signedOn + " is in the future (today is " + LocalDate.now()
                    + "); give the day the guardian signed. Nothing changed.");
        }
        return signedOn;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
