package io.presenca.sync.bench;

import io.presenca.Gateway;
import io.presenca.config.Settings;
import io.presenca.store.Database;
import io.presenca.store.Sql;
import io.presenca.store.SyncStatus;
import io.presenca.store.Timestamps;
import io.presenca.sync.CentralSync;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;
import org.apache.camel.spi.EventNotifier;

/**
 * One gateway of {@code bench sync}: its own SQLite file, its own sync beans and Camel context with
 * the sync routes, built exactly as the gateway builds them; passes run only when asked.
 */
public final class SimulatedGateway implements AutoCloseable {

    /** The route a pass is sent to, as {@code sync --once} sends it. */
    public static final String SYNC_ROUTE = "attendance-sync";
    private static final int STUDENTS = 200;

    private final Settings settings;
    private final Gateway gateway;
    private final CentralSync sync;
    private final Main main = new Main();
    private final ProducerTemplate routes;
    private final List<String> recordIds = new ArrayList<>();

    /** {@code observer} sees the Camel events of this gateway's routes. */
    public SimulatedGateway(Settings settings, String appVersion, EventNotifier observer) {
        this.settings = settings;
        this.gateway = new Gateway(settings);
        try {
            addStudents(gateway.database());
            this.sync = gateway.centralSync(appVersion);
            sync.centralDatabase().checkReady(); // schema created before any clock starts
            sync.bindTo(main, false, gateway.galleryLoader());
            main.bind("batchLatencies", observer);
            // a name of its own: contexts started at once in one JVM would race for "presenca" in JMX
            main.addOverrideProperty("camel.main.name", "presenca-" + settings.deviceId);
            main.configure().setRoutesIncludePattern(CentralSync.routeIncludePattern());
            main.start();
            this.routes = main.getCamelContext().createProducerTemplate();
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    /** {@code count} more pending records, one second apart, older than any earlier ones of this gateway. */
    public void addPendingRecords(int count) {
        Instant start = Timestamps.now().minusSeconds(2_000_000);
        List<Object[]> rows = new ArrayList<>();
        for (int i = recordIds.size(); i < recordIds.size() + count; i++) {
            rows.add(new Object[] {UUID.randomUUID().toString(), "bench-student-" + (i % STUDENTS), settings.deviceId,
                    start.plusSeconds(i), start});
        }
        gateway.database().inTransaction(c -> Sql.batch(c, """
                    INSERT INTO attendance_records(id, student_id, device_id, captured_at, confidence, distance,
                        matcher, created_at)
                    VALUES (?, ?, ?, ?, 97.5, 0.3, 'local', ?)""", rows));
        rows.forEach(row -> recordIds.add((String) row[0]));
    }

    /** One sync pass, as {@code sync --once} runs it: until nothing is pending or a batch fails. */
    public void syncPass() {
        routes.sendBodyAndHeader("direct:" + SYNC_ROUTE, null, "syncNow", true);
    }

    /** The ids of every record added, in order. */
    public List<String> recordIds() {
        return List.copyOf(recordIds);
    }

    /** Records marked synced in this gateway's SQLite. */
    public long syncedLocally() {
        return sync.queue().countByStatus().getOrDefault(SyncStatus.SYNCED, 0L);
    }

    public String deviceId() {
        return settings.deviceId;
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

    @Override
    public void close() {
        try {
            main.stop();
        } finally {
            gateway.close();
        }
    }
}
