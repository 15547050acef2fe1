package io.presenca.sync;

import static org.junit.jupiter.api.Assertions.fail;

import io.presenca.config.Settings;
import io.presenca.matching.Gallery;
import io.presenca.matching.GalleryLoader;
import io.presenca.store.AttendanceStore;
import io.presenca.store.Database;
import io.presenca.store.Sql;
import io.presenca.store.StudentStore;
import io.presenca.store.SyncLogEntry;
import io.presenca.store.SyncQueue;
import io.presenca.store.SyncStatus;
import io.presenca.store.TemplateStore;
import io.presenca.sync.bench.LoopbackApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.main.Main;
import org.apache.camel.support.processor.DefaultExchangeFormatter;
import org.awaitility.Awaitility;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A gateway's sync in a folder under target/: its SQLite file with pending records, a database of
 * its own on the real PostgreSQL (reached through a {@link TcpProxy} the test can cut), and a
 * loopback stand-in of the school's API. Settings are short (1 s timer, 1 s backoff, batches of 20)
 * so that recovery shows within seconds.
 */
public final class SyncFixture implements AutoCloseable {

    static final String API_KEY = "test-key";
    static final String DEVICE = "door-test";
    private static final Logger LOG = LoggerFactory.getLogger(SyncFixture.class);

    final Path home = Path.of("target", "sync-test", UUID.randomUUID().toString()).toAbsolutePath();
    final Database db = Database.open(home.resolve("data/attendance.db"));
    final PgSupport pg = PgSupport.get();
    final String pgDb = pg.newDatabase();
    final TcpProxy proxy;
    public final LoopbackApi api;
    public final Map<String, String> settings = new HashMap<>();
    /** The in-memory gallery the student sync reloads. */
    final Gallery gallery = new Gallery();
    private Main main;
    private CentralSync sync;
    private boolean tracing;
    private Path reloadedRoutes;

    public SyncFixture() throws IOException {
        this(API_KEY);
    }

    /** A gateway whose API accepts {@code apiKey} only, which is also the key the gateway is set up with. */
    public SyncFixture(String apiKey) throws IOException {
        proxy = new TcpProxy(pg.host, pg.port);
        api = LoopbackApi.start(apiKey, LoopbackApi.acceptingAll());
        settings.putAll(pg.settings(pgDb, "127.0.0.1", proxy.port()));
        settings.put("SQLITE_PATH", db.file().toString());
        settings.put("FACES_DIR", home.resolve("faces").toString());
        settings.put("EXTERNAL_API_URL", api.url());
        settings.put("EXTERNAL_API_KEY", apiKey);
        settings.put("DEVICE_ID", DEVICE);
        settings.put("ATTENDANCE_SYNC_INTERVAL_SECONDS", "1");
        settings.put("SYNC_RETRY_BASE_SECONDS", "1");
        settings.put("SYNC_CIRCUIT_OPEN_SECONDS", "1");
        settings.put("SYNC_BATCH_SIZE", "20");
        settings.put("EXTERNAL_API_TIMEOUT_SECONDS", "2");
    }

    Settings settings() {
        return Settings.load(name -> Optional.ofNullable(settings.get(name)));
    }

    /** {@code n} pending records of 7 students, a minute apart, oldest first; their ids in that order. */
    public List<String> recordPending(int n) {
        StudentStore students = new StudentStore(db);
        AttendanceStore attendance = new AttendanceStore(db);
        Instant start = Instant.parse("2026-03-02T08:00:00Z");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String student = "student-" + (i % 7);
            students.upsert(student, null, "5A");
            ids.add(attendance.recordUnlessRecent(student, DEVICE, start.plusSeconds(60L * i), 97.0, 0.35, "local",
                    Duration.ZERO).orElseThrow().id());
        }
        return ids;
    }

    /** The sync routes as the gateway runs them, timers on. */
    CentralSync startScheduled() throws Exception {
        return start(true);
    }

    /** The sync routes without timers: passes run when {@link #syncNow()} says. */
    public CentralSync startManual() throws Exception {
        return start(false);
    }

    private CentralSync start(boolean scheduled) throws Exception {
        sync = new CentralSync(settings(), db, "test");
        main = new Main();
        sync.bindTo(main, scheduled, new GalleryLoader(new TemplateStore(db), gallery));
        if (reloadedRoutes == null) {
            main.configure().setRoutesIncludePattern(CentralSync.routeIncludePattern());
        } else {
            // as the gateway runs them from ROUTES_DIR: reloaded when a file there is saved
            main.configure().setRoutesIncludePattern(CentralSync.ROUTE_FILES.stream()
                    .map(f -> "file:" + reloadedRoutes.resolve(f)).collect(Collectors.joining(",")));
            main.configure().setRoutesReloadEnabled(true);
            main.configure().setRoutesReloadDirectory(reloadedRoutes.toString());
            main.configure().setRoutesReloadPattern("*.camel.yaml");
            main.configure().setRoutesReloadRemoveAllRoutes(false);
        }
        main.configure().setJmxEnabled(false);
        main.configure().setTracing(tracing);
        main.start();
        if (tracing && main.getCamelContext().getTracer().getExchangeFormatter()
                instanceof DefaultExchangeFormatter formatter) {
            // everything a message carries, as a school tracing a problem would see it
            formatter.setShowHeaders(true);
            formatter.setShowProperties(true);
        }
        return sync;
    }

    /** The sync routes copied to {@code home/routes} (ROUTES_DIR), reloaded when saved; returns the folder. */
    Path reloadableRoutes() throws IOException {
        reloadedRoutes = home.resolve("routes");
        Files.createDirectories(reloadedRoutes);
        for (String file : CentralSync.ROUTE_FILES) {
            Files.copy(Path.of("routes", file), reloadedRoutes.resolve(file));
        }
        settings.put("ROUTES_DIR", reloadedRoutes.toString());
        return reloadedRoutes;
    }

    /** Camel's tracing on, every message's headers and properties logged at every step (call before starting). */
    public void traceRoutes() {
        tracing = true;
    }

    /** Waits until the timer has run {@code passes} more attendance sync passes, whatever they did. */
    void awaitPasses(int passes, Duration timeout) {
        NotifyBuilder done = new NotifyBuilder(main.getCamelContext()).whenDone(passes)
                .wereSentTo("direct:attendance-sync").create();
        if (!done.matches(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            fail("fewer than " + passes + " sync passes within " + timeout.toSeconds() + " s");
        }
    }

    /** One pass as {@code sync --once} makes it: every pending record, retry times or not. */
    public void syncNow() {
        main.getCamelContext().createProducerTemplate()
                .sendBodyAndHeader("direct:attendance-sync", null, "syncNow", true);
    }

    CamelContext camel() {
        return main.getCamelContext();
    }

    void syncStudents() {
        main.getCamelContext().createProducerTemplate().sendBody("direct:student-sync", null);
    }

    public Map<SyncStatus, Long> local() {
        return new SyncQueue(db).countByStatus();
    }

    public List<SyncLogEntry> logs() {
        return new SyncQueue(db).recentLogs(1000);
    }

    int localAttempts(String recordId) {
        return db.withConnection(c -> (int) Sql.count(c,
                "SELECT sync_attempts FROM attendance_records WHERE id = ?", recordId));
    }

    public String localError(String recordId) {
        return db.withConnection(c -> Sql.first(c, "SELECT last_sync_error FROM attendance_records WHERE id = ?",
                row -> row.getString(1), recordId)).orElse(null);
    }

    /** Moves every pending record's retry time, as if that much time had passed (null: due now). */
    void retryPendingAt(Instant at) {
        db.withConnection(c -> Sql.update(c,
                "UPDATE attendance_records SET next_attempt_at = ? WHERE sync_status = 'pending'", at));
    }

    /** A count straight from PostgreSQL (not through the proxy); 0 before the schema exists. */
    long pgCount(String sql) {
        try (Connection c = pg.connect(pgDb)) {
            if (!Sql.exists(c, "SELECT 1 FROM pg_tables WHERE tablename = 'attendance_records'")) {
                return 0;
            }
            return Sql.count(c, sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public long pgRecords() {
        return pgCount("SELECT count(*) FROM attendance_records");
    }

    public long pgDistinctIds() {
        return pgCount("SELECT count(DISTINCT id) FROM attendance_records");
    }

    /** Waits until nothing is pending; returns how long that took. */
    Duration awaitNothingPending(Duration timeout) {
        return await(() -> local().get(SyncStatus.PENDING) == 0, timeout, "records still pending: " + local());
    }

    static Duration await(BooleanSupplier condition, Duration timeout, String failure) {
        long start = System.nanoTime();
        Awaitility.await(failure).atMost(timeout).pollInterval(Duration.ofMillis(50))
                .until(condition::getAsBoolean);
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Notes how long the sync took to recover from a fault: target/sync-recovery.txt and the test log. */
    static void recordRecovery(String fault, Duration took) {
        String line = String.format("%s: all records synced %d ms after the fault cleared%n", fault, took.toMillis());
        LOG.info(line.strip());
        try {
            Files.writeString(Path.of("target", "sync-recovery.txt"), line, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Cuts the way to PostgreSQL (as if the server went down) or brings it back. */
    public void postgresReachable(boolean reachable) throws IOException {
        if (reachable) {
            proxy.restore();
        } else {
            proxy.cut();
        }
    }

    void stop() throws Exception {
        if (main != null) {
            main.stop();
            main = null;
        }
    }

    @Override
    public void close() throws Exception {
        stop();
        api.close();
        proxy.close();
        pg.dropDatabase(pgDb);
    }
}
