package io.presenca;

import io.presenca.config.ConfigurationException;
import io.presenca.config.Settings;
import io.presenca.store.DatabaseException;
import io.presenca.vision.ModelUnavailableException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar presenca.jar [command]}: runs the gateway, or one of its maintenance commands.
 * Exit codes: 0 done, 1 failed while running, 2 wrong command line or settings.
 */
public final class Presenca {

    private static final Logger LOG = LoggerFactory.getLogger(Presenca.class);

    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: java -jar presenca.jar [command]",
            "  (no command)             run the gateway: camera -> recognition -> attendance in SQLite",
            "    --exit-at-end          with a video file or image folder as CAMERA_SOURCE: stop at its end",
            "  enroll                   enroll FACES_DIR/<student_id>/*.jpg|png and print a report per photo",
            "  export [--from YYYY-MM-DD] [--to YYYY-MM-DD]",
            "                           print attendance as CSV (local dates, both inclusive)",
            "  export --lessons [--date YYYY-MM-DD] [--class C]",
            "                           print one CSV row per student and lesson with its status",
            "  evaluate pairs --pairs FILE --images DIR [--json]",
            "                           LFW-style verification accuracy with the gateway's own models",
            "  evaluate identify --dataset DIR [--enroll K] [--sweep] [--json]",
            "                           open-set identification at the configured threshold, margin and review band",
            "  bench --source FILE_OR_DIR [--json]",
            "                           capture pipeline speed per stage on a video or image folder; gallery search cost",
            "  reindex                  rebuild the AWS Rekognition collection (REKOGNITION_COLLECTION_ID) from the",
            "                           enrollment photos: after a Rekognition face model upgrade, or to start over",
            "  sync --once              send pending attendance to the school's API and PostgreSQL now, then",
            "                           copy student changes down; exit 0 when nothing is left pending, 3 when",
            "                           dead records remain",
            "  sync --retry-dead        the same, after putting dead records (failed too often) back in the queue",
            "  bench sync [--records N] [--gateways N[,N...]] [--postgres URL]",
            "                           N gateways (default 1) each sync N generated records (default 10000) at once",
            "                           into one PostgreSQL (URL, else POSTGRES_*) via a loopback API; prints records/s,",
            "                           p95 batch time and peak PostgreSQL connections per number of gateways",
            "  dashboard-user NAME      add a dashboard user or change their password (asked on the terminal,",
            "                           or one line on standard input); stored as a PBKDF2 hash in SQLite",
            "  dashboard-user NAME --remove",
            "                           remove a dashboard user; a new password or a removal ends their sessions",
            "  consent <student_id> [--given-by NAME [--date YYYY-MM-DD] [--scope TEXT] | --revoke [--date YYYY-MM-DD]]",
            "                           show, record or withdraw a guardian's consent; withdrawing erases the face data",
            "  erase <student_id>       erase the student's photos, templates, crops, review items, Rekognition faces and",
            "                           central templates; attendance as ERASE_ATTENDANCE says (keep|pseudonymise|delete)",
            "  verify-erased <student_id>",
            "                           check every store, the raw database file included, for what erase removed",
            "  mark <student_id> --lesson YYYY-MM-DDTHH:MM [--excused] --reason TEXT --by NAME",
            "                           mark a student present (a record with matcher=manual) or excused for a lesson",
            "  void <record_id> --reason TEXT --by NAME",
            "                           void a wrong attendance record: kept and audited, its lesson statuses become void",
            "  help                     this text",
            "Settings are environment variables (or lines of application.properties); see README.md.");

    private Presenca() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String command = args.length == 0 || args[0].startsWith("--") ? "run" : args[0];
        List<String> options = Arrays.asList(args).subList(command.equals("run") ? 0 : 1, args.length);
        try {
            return switch (command) {
                case "run" -> new GatewayRun(Settings.fromProcess(), options).call();
                case "enroll" -> new EnrollCommand(Settings.fromProcess()).run(out);
                case "export" -> new ExportCommand(Settings.fromProcess(), options).run(out);
                case "evaluate" -> new EvaluateCommand(Settings.fromProcess(), options).run(out);
                case "bench" -> benchesSync(options)
                        ? new SyncBenchCommand(Settings.fromProcess(), options.subList(1, options.size())).run(out)
                        : new BenchCommand(options).run(out);
                case "reindex" -> new ReindexCommand(Settings.fromProcess()).run(out, err);
                case "sync" -> new SyncCommand(Settings.fromProcess(), options).run(out);
                case "dashboard-user" -> new DashboardUserCommand(Settings.fromProcess(), options).run(System.console(),
                        new java.io.BufferedReader(new java.io.InputStreamReader(System.in,
                                java.nio.charset.StandardCharsets.UTF_8)), out);
                case "mark", "void" -> new CorrectionCommand(Settings.fromProcess(), command, options).run(out);
                case "consent" -> new ConsentCommand(Settings.fromProcess(), options).run(out);
                case "erase", "verify-erased" -> new EraseCommand(Settings.fromProcess(), command, options).run(out);
                case "help", "-h" -> {
                    out.println(USAGE);
                    yield 0;
                }
                default -> throw new UsageException("Unknown command '" + command + "'.");
            };
        } catch (UsageException | ConfigurationException e) {
            err.println(e.getMessage());
            if (e instanceof UsageException) {
                err.println(USAGE);
            }
            return 2;
        } catch (ModelUnavailableException | DatabaseException e) {
            LOG.error(e.getMessage());
            err.println(e.getMessage());
            return 1;
        } catch (Exception e) {
            LOG.error("presenca failed: {}", e.toString(), e);
            return 1;
        }
    }

    /** {@code bench sync ...}: the options after {@code sync}. */
    /** {@code bench sync ...} measures the central sync; {@code bench --source ...} the capture pipeline. */
    private static boolean benchesSync(List<String> options) {
        return !options.isEmpty() && options.get(0).equals("sync");
    }

    /** The command line is wrong; the message says how. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
