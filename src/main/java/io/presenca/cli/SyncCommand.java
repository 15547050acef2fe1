package io.presenca.cli;

import io.presenca.Gateway;
import io.presenca.Version;
import io.presenca.config.ConfigurationException;
import io.presenca.config.Settings;
import io.presenca.store.SyncQueue;
import io.presenca.store.SyncStatus;
import io.presenca.store.SyncTotals;
import io.presenca.sync.CentralSync;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code sync --once}: runs the attendance sync route until nothing is pending (retry times are not
 * waited for), then the student sync, through the same YAML routes as the gateway's timers.
 * {@code sync --retry-dead}: puts dead records back in the queue first, with a fresh retry budget.
 * It prints what this run did (records sent, accepted, rejected, failed) and what is left. Exit code 0
 * when every pending record ended synced or rejected and both syncs worked; 1 when a sync failed or
 * records are left pending, with the reason printed; {@link #DEAD_LETTERS_LEFT} when all went well but
 * dead letters remain, so cron and monitors see records that need a person.
 */
@Command(name = "sync",
        description = "Send pending attendance to the school's API and PostgreSQL now, then copy student changes down. "
        + "Exit 0 when nothing is left pending, 1 when a sync failed or records are left pending, 3 when "
        + "all went well but dead-lettered records remain.")
final class SyncCommand implements Callable<Integer> {

    private static final int REJECTIONS_SHOWN = 20;
    /** The exit code when the run went well but dead-lettered records remain (README, commands). */
    static final int DEAD_LETTERS_LEFT = 3;

    private final PrintStream out;

    @Spec
    private CommandSpec spec;
    @Option(names = "--once", description = "Send what is pending; dead records are left alone.")
    private boolean once;
    @Option(names = "--retry-dead", description = "The same, after putting dead records (failed too often) back in"
            + " the queue with a fresh retry budget.")
    private boolean retryDead;

    SyncCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        if (once == retryDead) {
            throw new ParameterException(spec.commandLine(), "sync: give --once or --retry-dead.");
        }
        Settings settings = Settings.fromProcess();
        if (!settings.centralSyncEnabled()) {
            throw new ConfigurationException("sync: EXTERNAL_API_URL is not set. Set it (and EXTERNAL_API_KEY,"
                    + " POSTGRES_*) to the school's validation API and central database.");
        }
        try (Gateway gateway = new Gateway(settings)) {
            CentralSync sync = gateway.centralSync(Version.current());
            SyncQueue queue = sync.queue();
            if (retryDead) {
                out.println("sync: " + queue.requeueDead() + " dead records put back in the queue");
            }
            Main main = new Main();
            main.setDefaultPropertyPlaceholderLocation(
                    "file:application.properties;optional=true,classpath:application.properties;optional=true");
            sync.bindTo(main, false, gateway.galleryLoader());
            main.configure().setRoutesIncludePattern(CentralSync.routeIncludePattern());
            long started = System.nanoTime();
            Instant runStart = Instant.now();
            String attendanceFailure;
            String studentFailure;
            main.start();
            try {
                ProducerTemplate routes = main.getCamelContext().createProducerTemplate();
                routes.sendBodyAndHeader("direct:attendance-sync", null, "syncNow", true);
                attendanceFailure = firstNonNull(sync.syncFailures().takeLastFailure(), sync.syncGate().lastProblem());
                routes.sendBody("direct:student-sync", null);
                studentFailure = sync.syncFailures().takeLastFailure();
            } finally {
                main.stop();
            }
            SyncTotals run = queue.totalsSince(runStart);
            out.printf("sync: this run sent %d records: %d accepted, %d rejected, %d failed (%.1f s)%n", run.sent(),
                    run.accepted(), run.rejected(), run.failed(), (System.nanoTime() - started) / 1e9);
            Map<SyncStatus, Long> counts = queue.countByStatus();
            out.printf("sync: in SQLite now %d synced, %d rejected, %d pending, %d dead%n", counts.get(SyncStatus.SYNCED),
                    counts.get(SyncStatus.REJECTED), counts.get(SyncStatus.PENDING), counts.get(SyncStatus.DEAD));
            printRejections(out, queue.rejectedReasons(REJECTIONS_SHOWN + 1));
            boolean pendingLeft = counts.get(SyncStatus.PENDING) > 0;
            if (attendanceFailure != null) {
                out.println("sync: attendance sync failed: " + attendanceFailure);
            }
            boolean deadLeft = counts.get(SyncStatus.DEAD) > 0;
            if (deadLeft) {
                out.println("sync: " + counts.get(SyncStatus.DEAD) + " dead records are not sent by --once; use"
                        + " --retry-dead once their cause is fixed (exit code " + DEAD_LETTERS_LEFT + ")");
            }
            if (studentFailure != null) {
                out.println("sync: student sync failed: " + studentFailure);
            }
            if (pendingLeft || attendanceFailure != null || studentFailure != null) {
                return 1;
            }
            return deadLeft ? DEAD_LETTERS_LEFT : 0;
        }
    }

    private static void printRejections(PrintStream out, Map<String, String> rejected) {
        rejected.entrySet().stream().limit(REJECTIONS_SHOWN)
                .forEach(r -> out.println("  rejected " + r.getKey() + ": " + r.getValue()));
        if (rejected.size() > REJECTIONS_SHOWN) {
            out.println("  ... (more rejected records: see the export command, sync_status rejected)");
        }
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }
}
