package io.presenca.cli;

import io.presenca.Gateway;
import io.presenca.Version;
import io.presenca.config.Settings;
import io.presenca.store.Database;
import io.presenca.store.Sql;
import io.presenca.store.SyncStatus;
import io.presenca.store.Timestamps;
import io.presenca.sync.CentralDatabase;
import io.presenca.sync.CentralSync;
import io.presenca.sync.bench.LoopbackApi;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bench sync [--records N] [--embedded]}: N pending records in a scratch SQLite file are sent
 * through the real attendance sync route to a loopback stand-in of the API and into PostgreSQL, and
 * the rate is printed. PostgreSQL is the one of the POSTGRES_* settings (a scratch database is
 * created there and dropped after) or, with {@code --embedded}, one started for the run.
 */
@Command(name = "sync",
        description = "Sync N generated records through the real attendance sync route into PostgreSQL (POSTGRES_*, a "
        + "scratch database created and dropped there) against a loopback stand-in of the API; prints "
        + "records/s.")
final class SyncBenchCommand implements Callable<Integer> {

    private static final String API_KEY = "bench-key";
    private static final int STUDENTS = 200;
    /** Synced first and not timed, so the figure is the steady rate of a running gateway, not JIT warm-up. */
    private static final int WARM_UP = 2_000;
    private static final int MOST_RECORDS = 1_000_000;

    private final PrintStream out;

    @Spec
    private CommandSpec spec;
    @Option(names = "--records", paramLabel = "N", defaultValue = "10000",
            description = "Records to sync (1 to 1,000,000; default ${DEFAULT-VALUE}).")
    private int records;
    @Option(names = "--embedded", description = "Start an embedded PostgreSQL for the run instead of POSTGRES_*.")
    private boolean embedded;

    SyncBenchCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        if (records < 1 || records > MOST_RECORDS) {
            throw new ParameterException(spec.commandLine(), "bench sync: --records must be a whole number from 1 to "
                    + MOST_RECORDS + ", got '" + records + "'.");
        }
        String scratchDb = "presenca_bench_" + UUID.randomUUID().toString().substring(0, 8);
        try (ScratchFolder home = new ScratchFolder("presenca-bench-sync");
             EmbeddedPostgres pg = embedded ? EmbeddedPostgres.builder().start() : null;
             LoopbackApi api = LoopbackApi.start(API_KEY, LoopbackApi.acceptingAll())) {
            Map<String, String> overrides = new HashMap<>();
            overrides.put("SQLITE_PATH", home.resolve("bench.db").toString());
            overrides.put("EXTERNAL_API_URL", api.url());
            overrides.put("EXTERNAL_API_KEY", API_KEY);
            overrides.put("DEVICE_ID", "bench-" + scratchDb.substring(15));
            if (pg != null) {
                overrides.put("POSTGRES_HOST", "localhost");
                overrides.put("POSTGRES_PORT", Integer.toString(pg.getPort()));
                overrides.put("POSTGRES_USER", "postgres");
                overrides.put("POSTGRES_DB", "postgres");
                overrides.put("POSTGRES_SSLMODE", "disable");
            }
            Settings admin = Settings.fromProcessWith(overrides);
            createDatabase(admin, scratchDb);
            overrides.put("POSTGRES_DB", scratchDb);
            Settings bench = Settings.fromProcessWith(overrides);
            try {
                return measure(bench, out);
            } finally {
                dropDatabase(admin, scratchDb);
            }
        }
    }

    private int measure(Settings bench, PrintStream out) throws Exception {
        try (Gateway gateway = new Gateway(bench)) {
            Database local = gateway.database();
            addStudents(local);
            CentralSync sync = gateway.centralSync(Version.current());
            sync.central().checkReady(); // schema created before the clock starts
            Main main = new Main();
            sync.bindTo(main, false, gateway.galleryLoader());
            main.configure().setRoutesIncludePattern(CentralSync.routeIncludePattern());
            main.start();
            long started;
            long elapsed;
            try {
                ProducerTemplate routes = main.getCamelContext().createProducerTemplate();
                addPendingRecords(local, bench.deviceId, WARM_UP, 0);
                routes.sendBodyAndHeader("direct:attendance-sync", null, "syncNow", true);
                addPendingRecords(local, bench.deviceId, records, WARM_UP);
                started = System.nanoTime();
                routes.sendBodyAndHeader("direct:attendance-sync", null, "syncNow", true);
                elapsed = System.nanoTime() - started;
            } finally {
                main.stop();
            }
            long synced = sync.queue().countByStatus().get(SyncStatus.SYNCED);
            long central;
            try (Connection c = sync.central().connect()) {
                central = Sql.count(c, "SELECT count(*) FROM attendance_records");
            }
            double seconds = elapsed / 1e9;
            out.printf("bench sync: %d records in %.2f s = %.0f records/s (after a %d-record warm-up; batches of %d,"
                            + " SQLite synchronous=FULL, loopback API, %s)%n", records, seconds, records / seconds,
                    WARM_UP, bench.syncBatchSize, sync.central().describe());
            if (synced != records + WARM_UP || central != records + WARM_UP) {
                out.printf("bench sync: FAILED: %d synced in SQLite and %d in PostgreSQL, expected %d each%n",
                        synced, central, records + WARM_UP);
                return 1;
            }
            return 0;
        }
    }

    private static void addStudents(Database local) {
        Instant now = Timestamps.now();
        List<Object[]> students = new ArrayList<>();
        for (int i = 0; i < STUDENTS; i++) {
            students.add(new Object[] {"bench-student-" + i, now, now});
        }
        local.inTransaction(c -> Sql.batch(c, "INSERT INTO students(id, created_at, updated_at) VALUES (?, ?, ?)",
                students));
    }

    /** {@code count} pending records, one second apart, numbered from {@code first}. */
    private static void addPendingRecords(Database local, String deviceId, int count, int first) {
        Instant start = Timestamps.now().minusSeconds(2_000_000);
        List<Object[]> rows = new ArrayList<>();
        for (int i = first; i < first + count; i++) {
            rows.add(new Object[] {UUID.randomUUID().toString(), "bench-student-" + (i % STUDENTS), deviceId,
                    start.plusSeconds(i), start});
        }
        local.inTransaction(c -> Sql.batch(c, """
                    INSERT INTO attendance_records(id, student_id, device_id, captured_at, confidence, distance,
                        matcher, created_at)
                    VALUES (?, ?, ?, ?, 97.5, 0.3, 'local', ?)""", rows));
    }

    private static void createDatabase(Settings at, String name) {
        try (Connection c = adminConnection(at); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("bench sync needs to create a scratch database on PostgreSQL at "
                    + at.postgresHost + ":" + at.postgresPort + " (POSTGRES_* settings, user " + at.postgresUser
                    + " needs CREATEDB): " + e.getMessage().replaceAll("\\.$", "") + ". Or run it with --embedded.", e);
        }
    }

    private static void dropDatabase(Settings at, String name) throws SQLException {
        try (Connection c = adminConnection(at); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    /** A connection to the settings' database, used to create and drop the scratch one. */
    private static Connection adminConnection(Settings at) throws SQLException {
        String url = "jdbc:postgresql://" + at.postgresHost + ":" + at.postgresPort + "/" + at.postgresDb
                + "?sslmode=" + CentralDatabase.sslModeFor(at.postgresSslMode, at.postgresHost)
                + (at.postgresSslRootCert == null ? "" : "&sslrootcert=" + at.postgresSslRootCert.toAbsolutePath());
        return DriverManager.getConnection(url, at.postgresUser, at.postgresPassword);
    }
}
