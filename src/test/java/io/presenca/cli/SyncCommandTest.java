package io.presenca.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presenca.store.SyncStatus;
import io.presenca.sync.SyncFixture;
import io.presenca.sync.bench.LoopbackApi;
import io.presenca.sync.bench.LoopbackApi.Reply;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code sync --once} and {@code sync --retry-dead} as a person runs them: output and exit codes. */
@Timeout(120)
class SyncCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private SyncFixture gateway;

    @AfterEach
    void clear() throws Exception {
        if (gateway != null) {
            gateway.settings.keySet().forEach(System::clearProperty);
            gateway.close();
        }
    }

    private int presenca(String... args) {
        out.reset();
        gateway.settings.forEach(System::setProperty);
        return Presenca.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void syncNeedsTheApiUrlAndAnOption() {
        assertEquals(2, Presenca.run(new String[] {"sync", "--once"}, new PrintStream(out), new PrintStream(err)));
        assertTrue(err.toString().contains("EXTERNAL_API_URL is not set"), err.toString());
        assertEquals(2, Presenca.run(new String[] {"sync"}, new PrintStream(out), new PrintStream(err)));
        assertTrue(err.toString().contains("give --once or --retry-dead"), err.toString());
    }

    @Test
    void recordsFailingPastTheBudgetGoDeadAndRetryDeadSendsThem() throws Exception {
        gateway = new SyncFixture();
        gateway.settings.put("SYNC_MAX_ATTEMPTS", "2");
        List<String> ids = gateway.recordPending(8);
        gateway.api.answer(call -> Reply.of(503, "<html>Service Unavailable</html>"));

        assertEquals(1, presenca("sync", "--once"));
        assertTrue(out().contains("this run sent 8 records: 0 accepted, 0 rejected, 8 failed"), out());
        assertTrue(out().contains("0 synced, 0 rejected, 8 pending, 0 dead"), out());
        assertTrue(out().contains("HTTP 503; body: <html>Service Unavailable</html>"), out());
        assertEquals(1, presenca("sync", "--once"));
        assertTrue(out().contains("0 pending, 8 dead"), out());
        assertTrue(out().contains("use --retry-dead"), out());
        assertTrue(gateway.localError(ids.get(0)).contains("HTTP 503"), "the dead record keeps its last error");
        assertEquals(0, gateway.pgRecords());

        gateway.api.answer(LoopbackApi.acceptingAll());
        assertEquals(SyncCommand.DEAD_LETTERS_LEFT, presenca("sync", "--once"), "cron sees the dead letters: " + out());
        assertTrue(out().contains("this run sent 0 records") && out().contains("8 dead records are not sent"), out());
        assertEquals(8, gateway.local().get(SyncStatus.DEAD), "--once leaves dead records alone");

        assertEquals(0, presenca("sync", "--retry-dead"), out());
        assertTrue(out().contains("8 dead records put back in the queue"), out());
        assertTrue(out().contains("this run sent 8 records: 8 accepted, 0 rejected, 0 failed"), out());
        assertTrue(out().contains("8 synced, 0 rejected, 0 pending, 0 dead"), out());
        assertEquals(8, gateway.pgRecords());
        assertEquals(8, gateway.pgDistinctIds());
    }

    @Test
    void syncOnceSaysWhyNothingWentWhenOffline() throws Exception {
        gateway = new SyncFixture();
        List<String> ids = gateway.recordPending(3);
        gateway.api.answer(LoopbackApi.rejecting(Map.of(ids.get(1), "unknown student")));
        gateway.postgresReachable(false);

        assertEquals(1, presenca("sync", "--once"));
        assertTrue(out().contains("3 pending") && out().contains("Connection") && out().contains("PostgreSQL"), out());
        assertEquals(0, gateway.api.calls().size(), "nothing is sent while PostgreSQL cannot take it");

        gateway.postgresReachable(true);
        assertEquals(0, presenca("sync", "--once"), out());
        assertTrue(out().contains("this run sent 3 records: 2 accepted, 1 rejected, 0 failed"), out());
        assertTrue(out().contains("2 synced, 1 rejected, 0 pending, 0 dead"), out());
        assertTrue(out().contains("rejected " + ids.get(1) + ": unknown student"), out());
    }
}
