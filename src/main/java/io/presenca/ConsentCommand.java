package io.presenca;

import io.presenca.config.Settings;
import io.presenca.privacy.ErasureReport;
import io.presenca.store.Consent;
import io.presenca.store.ConsentStore;
import io.presenca.students.StudentFolder;
import io.presenca.store.StudentStore;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

/**
 * {@code consent <student_id> [--given-by NAME [--date YYYY-MM-DD] [--scope TEXT] | --revoke [--date ...]]}:
 * shows, records or withdraws a guardian's consent. Withdrawing erases the student's face data at
 * once (templates, photos, crops, Rekognition faces); what cannot be reached now is retried by the
 * daily cleanup. A running gateway stops matching the student at its next enrollment rescan.
 */
final class ConsentCommand {

    private final Settings settings;
    private final String studentId;
    private final CommandOptions options;

    ConsentCommand(Settings settings, List<String> arguments) {
        if (arguments.isEmpty() || arguments.get(0).startsWith("--")) {
            throw new Presenca.UsageException("consent: give the student id first.");
        }
        this.settings = settings;
        this.studentId = arguments.get(0);
        String problem = StudentFolder.idProblem(studentId);
        if (problem != null) {
            throw new Presenca.UsageException("consent: '" + StudentFolder.printable(studentId)
                    + "' is not a student id: " + problem);
        }
        this.options = new CommandOptions("consent", arguments.subList(1, arguments.size()),
                Set.of("--given-by", "--date", "--scope"), Set.of("--revoke"));
        if (options.has("--revoke") && options.value("--given-by") != null) {
            throw new Presenca.UsageException("consent: --given-by and --revoke do not go together.");
        }
    }

    int run(PrintStream out) {
        try (Gateway gateway = new Gateway(settings)) {
            ConsentStore consents = new ConsentStore(gateway.database());
            Consent stored = consents.find(studentId).orElse(null);
            if (stored == null && !known(gateway)) {
                throw new Presenca.UsageException("consent: there is no student " + studentId + ": no folder "
                        + settings.facesDir.resolve(studentId) + " and no such id from the school's database. Check the id"
                        + " (a typo would record consent for nobody), or add the student's folder first.");
            }
            LocalDate date = date();
            if (options.has("--revoke")) {
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
            if (options.value("--given-by") != null) {
                String scope = options.value("--scope");
                if (!Consent.coversAttendance(scope)) {
                    throw new Presenca.UsageException("consent: the scope '" + scope + "' does not cover attendance, so it"
                            + " would not let the gateway recognise " + studentId + "; nothing recorded. Give a --scope that"
                            + " names attendance (e.g. --scope \"attendance at the school door\") or leave it out.");
                }
                Consent given = new Consent(studentId, options.value("--given-by"), date, scope, null,
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
    private boolean known(Gateway gateway) {
        return Files.isDirectory(settings.facesDir.resolve(studentId))
                || new StudentStore(gateway.database()).find(studentId).isPresent();
    }

    /** The day given with --date (today without it); never a future day, which would be a consent nobody gave yet. */
    private LocalDate date() {
        String text = options.value("--date");
        if (text == null) {
            return LocalDate.now();
        }
        LocalDate date;
        try {
            date = LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new Presenca.UsageException("consent: --date must be a day like 2026-02-01, got '" + text + "'.");
        }
        if (date.isAfter(LocalDate.now())) {
            throw new Presenca.UsageException("consent: --date " + date + " is in the future (today is " + LocalDate.now()
                    + "); give the day the guardian signed. Nothing changed.");
        }
        return date;
    }
}
