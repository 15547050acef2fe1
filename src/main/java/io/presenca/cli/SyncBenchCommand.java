package io.presenca.cli;

import io.presenca.Version;
import io.presenca.config.Settings;
import io.presenca.sync.bench.BatchLatencies;
import io.presenca.sync.bench.ConnectionWatch;
import io.presenca.sync.bench.Fleet;
import io.presenca.sync.bench.LoopbackApi;
import io.presenca.sync.bench.PostgresServer;
import io.presenca.sync.bench.ScratchDatabase;
import io.presenca.sync.bench.SimulatedGateway;
import io.presenca.sync.bench.StoredOnceCheck;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bench sync [--records N] [--gateways N[,N...]] [--postgres URL] [--warm-up N]}: for each number of
 * gateways, that many simulated gateways (each its own SQLite file and sync routes) send N pending
 * records each through the real attendance sync route, all at once, to a loopback stand-in of the
 * API and into one PostgreSQL: the one of {@code --postgres} or of the POSTGRES_* settings, where a
 * scratch database is created and dropped after. Prints records/s, the p95 batch time and the peak
 * of PostgreSQL connections, one line per number of gateways.
 */
@Command(name = "sync",
        description = "N simulated gateways (each its own SQLite file and sync routes) sync N generated records each, at"
        + " once, through the real attendance sync route into one PostgreSQL (--postgres, else POSTGRES_*; a scratch"
        + " database is created and dropped there) against a loopback stand-in of the API; prints records/s, the p95"
        + " batch time and the peak of PostgreSQL connections, a line per number of gateways.")
final class SyncBenchCommand implements Callable<Integer> {

    private static final String API_KEY = "bench-key";
    private static final int MOST_GATEWAYS = 500;
    /** How long a connection closed at the end of a pass may still show on the server. */
    private static final Duration CLOSING_PATIENCE = Duration.ofSeconds(1);

    private static final int MOST_RECORDS = 1_000_000;

    private final PrintStream out;

    @Spec
    private CommandSpec spec;
    @Option(names = "--records", paramLabel = "N", defaultValue = "10000",
            description = "Records per gateway (1 to 1,000,000; default ${DEFAULT-VALUE}).")
    private int records;
    @Option(names = "--gateways", paramLabel = "N[,N...]", split = ",", defaultValue = "1",
            description = "Numbers of gateways syncing at once, a run each (1 to " + MOST_GATEWAYS
                    + "; e.g. 1,10,50; default ${DEFAULT-VALUE}).")
    private List<Integer> gatewayCounts;
    @Option(names = "--postgres", paramLabel = "URL",
            description = "postgresql://USER[:PASSWORD]@HOST:PORT/DB or jdbc:postgresql://...; without a password in it,"
                    + " POSTGRES_PASSWORD. Default: the POSTGRES_* settings.")
    private String postgresUrl;
    /**
     * Synced first and not timed, so the figure is the steady rate of running gateways, not the JIT's
     * warm-up: in one process, consecutive 10,000-record passes went 5,400, 11,500, then 13,400-14,200
     * records/s, so 2,000 records were not enough.
     */
    @Option(names = "--warm-up", paramLabel = "N", defaultValue = "20000",
            description = "Records synced first and not timed, shared by the gateways, so that the figure is the rate of"
                    + " gateways that have been running a while, not of code still being compiled (0 to 1,000,000;"
                    + " default ${DEFAULT-VALUE}).")
    private int warmUp;

    private Settings settings;
    private PostgresServer server;

    SyncBenchCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        if (records < 1 || records > MOST_RECORDS) {
            throw usage("--records must be a whole number from 1 to " + MOST_RECORDS + ", got '" + records + "'.");
        }
        if (warmUp < 0 || warmUp > MOST_RECORDS) {
            throw usage("--warm-up must be a whole number from 0 to " + MOST_RECORDS + ", got '" + warmUp + "'.");
        }
        if (!gatewayCounts.stream().allMatch(n -> n >= 1 && n <= MOST_GATEWAYS)) {
            throw usage("--gateways must be one number of gateways or several separated by commas, each from 1 to "
                    + MOST_GATEWAYS + " (e.g. 1,10,50), got '" + gatewayCounts + "'.");
        }
        settings = Settings.fromProcess();
        try {
            server = postgresUrl == null ? PostgresServer.of(settings) : PostgresServer.fromUrl(postgresUrl, settings);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        return run();
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), "bench sync: " + message);
    }

    private int run() throws Exception {
        out.printf("bench sync: %d records per gateway after a %d-record warm-up shared by the gateways; batches of %d,"
                        + " SQLite synchronous=FULL, loopback API, PostgreSQL at %s%n", records, warmUp,
                settings.syncBatchSize, server.describe());
        int code = 0;
        try (LoopbackApi api = LoopbackApi.start(API_KEY, LoopbackApi.acceptingAll())) {
            for (int gateways : gatewayCounts) {
                code = Math.max(code, measure(gateways, api, out));
            }
        }
        return code;
    }

    /** One run of {@code gateways} gateways, with SQLite files and a PostgreSQL database of its own. */
    private int measure(int gateways, LoopbackApi api, PrintStream out) throws Exception {
        BatchLatencies batches = new BatchLatencies(SimulatedGateway.SYNC_ROUTE);
        try (ScratchFolder home = new ScratchFolder("presenca-bench-sync");
             ScratchDatabase central = new ScratchDatabase(server);
             Fleet fleet = new Fleet(gateways, i -> gatewaySettings(home, api, central.name(), i),
                     Version.current(), batches);
             ConnectionWatch connections = new ConnectionWatch(server, central.name())) {
            if (warmUp > 0) {
                fleet.addPendingRecords((warmUp + gateways - 1) / gateways);
                fleet.syncAtOnce();
            }
            fleet.addPendingRecords(records);
            batches.clear();
            connections.resetPeak();
            long started = System.nanoTime();
            fleet.syncAtOnce();
            double seconds = (System.nanoTime() - started) / 1e9;
            int peak = connections.peak();
            int afterPass = connections.afterClosing(CLOSING_PATIENCE);
            out.printf("bench sync: %d gateway%s x %d records = %d in %.2f s: %.0f records/s, p95 batch %.0f ms"
                            + " (%d batches), peak %d PostgreSQL connections, %d open after the pass%n", gateways,
                    gateways == 1 ? "" : "s", records, gateways * records, seconds, gateways * records / seconds,
                    batches.p95Millis(), batches.count(), peak, afterPass);
            return checkEveryRecordStoredOnce(fleet.gateways(), central.name(), out);
        }
    }

    private Settings gatewaySettings(ScratchFolder home, LoopbackApi api, String database, int index) {
        Map<String, String> overrides = new HashMap<>(server.settingsFor(database));
        String deviceId = "bench-gateway-" + index;
        overrides.put("SQLITE_PATH", home.resolve(deviceId + ".db").toString());
        overrides.put("EXTERNAL_API_URL", api.url());
        overrides.put("EXTERNAL_API_KEY", API_KEY);
        overrides.put("DEVICE_ID", deviceId);
        return Settings.fromProcessWith(overrides);
    }

    /** 0 when every gateway's records are stored once, in PostgreSQL and as synced in SQLite; else 1, saying what is not. */
    private int checkEveryRecordStoredOnce(List<SimulatedGateway> fleet, String database, PrintStream out)
            throws SQLException {
        try (Connection central = server.connect(database)) {
            List<String> problems = StoredOnceCheck.problems(fleet, central);
            problems.forEach(problem -> out.println("bench sync: FAILED: " + problem));
            return problems.isEmpty() ? 0 : 1;
        }
    }
}
