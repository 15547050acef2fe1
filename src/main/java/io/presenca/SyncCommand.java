package io.presenca;

import io.presenca.config.ConfigurationException;
import io.presenca.config.Settings;
import io.presenca.store.SyncQueue;
import io.presenca.store.SyncStatus;
import io.presenca.sync.CentralSync;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;

/**
 * {@code sync --once}: runs the attendance sync route until nothing is pending (retry times are not
 * waited for), then the student sync, through the same YAML routes as the gateway's timers.
 * {@code sync --retry-dead}: puts dead records back in the queue first, with a fresh retry budget.
 * Exit code 0 when every pending record ended synced or rejected and both syncs worked; 1 otherwise,
 * with the reason printed.
 */
final class SyncCommand {

    private static final int REJECTIONS_SHOWN = 20;

    private final Settings settings;
    private final boolean retryDead;

    SyncCommand(Settings settings, List<String> options) {
        this.settings = settings;
        if (options.equals(List.of("--once"))) {
            retryDead = false;
        } else if (options.equals(List.of("--retry-dead"))) {
            retryDead = true;
        } else {
            throw new Presenca.UsageException("sync: give --once or --retry-dead.");
        }
        if (!settings.centralSyncEnabled()) {
            throw new ConfigurationException("sync: EXTERNAL_API_URL is not set. Set it (and EXTERNAL_API_KEY,"
                    + " POSTGRES_*) to the school's validation API and central database.");
        }
    }

    int run(PrintStream out) throws Exception {
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
            String attendanceFailure;
            String studentFailure;
            main.start();
            try {
                ProducerTemplate routes = main.getCamelContext().createProducerTemplate();
                routes.sendBodyAndHeader("direct:attendance-sync", null, "syncNow", true);
                attendanceFailure = firstNonNull(sync.failures().takeLastFailure(), sync.gate().lastProblem());
                routes.sendBody("direct:student-sync", null);
                studentFailure = sync.failures().takeLastFailure();
            } finally {
                main.stop();
            }
            Map<SyncStatus, Long> counts = queue.countByStatus();
            out.printf("sync: %d synced, %d rejected, %d pending, %d dead (%.1f s)%n", counts.get(SyncStatus.SYNCED),
                    counts.get(SyncStatus.REJECTED), counts.get(SyncStatus.PENDING), counts.get(SyncStatus.DEAD),
                    (System.nanoTime() - started) / 1e9);
            printRejections(out, queue.rejectedReasons(REJECTIONS_SHOWN + 1));
            boolean pendingLeft = counts.get(SyncStatus.PENDING) > 0;
            if (attendanceFailure != null) {
                out.println("sync: attendance sync failed: " + attendanceFailure);
            }
            if (counts.get(SyncStatus.DEAD) > 0) {
                out.println("sync: dead records are not sent by --once; use --retry-dead once their cause is fixed");
            }
            if (studentFailure != null) {
                out.println("sync: student sync failed: " + studentFailure);
            }
            return pendingLeft || attendanceFailure != null || studentFailure != null ? 1 : 0;
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
