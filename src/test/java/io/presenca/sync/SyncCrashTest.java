package io.presenca.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presenca.cli.Presenca;
import io.presenca.store.SyncStatus;
import io.presenca.sync.bench.LoopbackApi;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The gateway killed with SIGKILL in the two windows where a crash could lose or duplicate a record:
 * after the API accepted a batch but before PostgreSQL committed it, and after PostgreSQL committed
 * but before SQLite noted it. {@code sync --once} runs in a child JVM whose way to PostgreSQL (the
 * fixture's proxy) holds the batch's upsert there: before PostgreSQL gets it, or after PostgreSQL
 * committed it and before its answer comes back. The test kills the child meanwhile, then runs
 * {@code sync --once} again. PostgreSQL must end with each record exactly once and SQLite with all
 * of them synced.
 */
@Timeout(180)
class SyncCrashTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @Test
    void killedAfterTheApiAcceptedAndBeforeThePostgresCommit() throws Exception {
        try (SyncFixture gateway = new SyncFixture()) {
            List<String> ids = gateway.recordPending(50);

            killAt(gateway, TcpProxy.Hold.BEFORE_THE_SERVER_GETS_IT);

            assertEquals(1, gateway.api.calls().size(), "the API saw the first batch");
            assertEquals(0, gateway.pgRecords(), "the uncommitted batch died with the process");
            assertEquals(50, gateway.local().get(SyncStatus.PENDING));

            restartAndCheckExactlyOnce(gateway, ids);
        }
    }

    @Test
    void killedAfterThePostgresCommitAndBeforeSqliteNotedIt() throws Exception {
        try (SyncFixture gateway = new SyncFixture()) {
            List<String> ids = gateway.recordPending(50);

            killAt(gateway, TcpProxy.Hold.BEFORE_THE_CLIENT_HEARS_BACK);

            assertEquals(20, gateway.pgRecords(), "the first batch is committed centrally");
            assertEquals(50, gateway.local().get(SyncStatus.PENDING), "... and still pending locally");

            restartAndCheckExactlyOnce(gateway, ids);
        }
    }

    private static void killAt(SyncFixture gateway, TcpProxy.Hold where) throws Exception {
        gateway.proxy.holdAt(where, "INSERT INTO attendance_records");
        Process child = syncOnce(gateway, List.of(), "killed");
        SyncFixture.await(() -> gateway.proxy.holding() || !child.isAlive(), PATIENCE,
                "the child never sent its upsert");
        assertTrue(child.isAlive(), "the child ended before " + where + ": see " + gateway.home.resolve("killed.log"));
        child.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no finally block runs
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, child.exitValue(), "killed by SIGKILL");
        gateway.proxy.release();
    }

    private static void restartAndCheckExactlyOnce(SyncFixture gateway, List<String> ids) throws Exception {
        long restarted = System.nanoTime();
        Process again = syncOnce(gateway, List.of(), "restarted");
        assertTrue(again.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS), "sync --once did not finish");
        assertEquals(0, again.exitValue(), "sync --once after the crash: see " + gateway.home.resolve("restarted.log"));
        SyncFixture.recordRecovery("SIGKILL, then sync --once (JVM start included)",
                Duration.ofNanos(System.nanoTime() - restarted));

        assertEquals(50, gateway.local().get(SyncStatus.SYNCED));
        assertEquals(50, gateway.pgRecords());
        assertEquals(50, gateway.pgDistinctIds());
        List<LoopbackApi.Call> calls = gateway.api.calls();
        assertEquals(ids.subList(0, 20), calls.get(0).recordIds());
        assertEquals(ids.subList(0, 20), calls.get(1).recordIds(), "the interrupted batch was sent again");
    }

    /** {@code java -cp <test classpath> io.presenca.cli.Presenca sync --once} with the fixture's settings. */
    private static Process syncOnce(SyncFixture gateway, List<String> jvmOptions, String logName) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Presenca.class.getName());
        command.add("sync");
        command.add("--once");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(gateway.home.resolve(logName + ".log").toFile());
        builder.environment().putAll(gateway.settings);
        return builder.start();
    }
}
