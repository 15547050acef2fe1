package io.presenca.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.presenca.camera.LogCapture;
import io.presenca.store.SyncLogEntry;
import io.presenca.store.SyncStatus;
import io.presenca.sync.bench.LoopbackApi;
import io.presenca.sync.bench.LoopbackApi.Reply;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the gateway does with the API's refusals, as {@code api/external-api.openapi.yaml} says: a 429's
 * Retry-After holds every call, a permanent 4xx stops syncing instead of wearing the records out, and
 * an error body echoing the API key is kept and logged masked. Real HTTP on loopback, real PostgreSQL.
 */
@Timeout(120)
class ApiRefusalTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final SyncFixture gateway;

    ApiRefusalTest() throws IOException {
        gateway = new SyncFixture();
    }

    @AfterEach
    void stop() throws Exception {
        gateway.close();
    }

    @Test
    void aRetryAfterHoldsTheNextCallWithOtherRecordsToo() throws Exception {
        gateway.recordPending(30);
        List<Long> callTimes = new CopyOnWriteArrayList<>();
        gateway.api.answer(call -> {
            callTimes.add(System.nanoTime());
            return callTimes.size() == 1 ? Reply.of(429, "{\"error\":\"slow down\"}").withHeader("Retry-After", "3")
                    : LoopbackApi.acceptingAll().to(call);
        });

        gateway.startScheduled(); // a pass every second; the second batch's records are due at once
        gateway.awaitNothingPending(PATIENCE);

        double secondsBetween = (callTimes.get(1) - callTimes.get(0)) / 1e9;
        assertTrue(secondsBetween >= 2.9, "the next call, whatever it sent, waited for Retry-After: " + secondsBetween + " s");
        assertEquals(30, gateway.pgDistinctIds());
    }

    @Test
    void aPermanent4xxStopsSyncingWithOneErrorAndKeepsTheRecordsPending() throws Exception {
        List<String> ids = gateway.recordPending(10);
        gateway.api.answer(call -> Reply.of(422, "{\"error\":\"unknown field matcher\"}"));
        CentralSync sync;
        try (LogCapture log = new LogCapture(SyncFailures.class)) {
            sync = gateway.startManual();
            for (int i = 0; i < 3; i++) {
                gateway.syncNow();
            }
            assertEquals(1, log.messages(Level.ERROR).size(), log.messages(Level.ERROR).toString());
            assertTrue(log.messages(Level.ERROR).get(0).contains("HTTP 422")
                    && log.messages(Level.ERROR).get(0).contains("unknown field matcher"), log.messages(Level.ERROR).get(0));
        }
        assertEquals(1, gateway.api.calls().size(), "a contract breach is not sent again");
        assertTrue(sync.syncAlerts().contractBreach().contains("HTTP 422"));
        assertTrue(sync.syncGate().lastProblem().contains("breaking its contract"), sync.syncGate().lastProblem());
        assertEquals(10, gateway.local().get(SyncStatus.PENDING));
        assertEquals(0, gateway.local().get(SyncStatus.DEAD));
        assertEquals(0, gateway.localAttempts(ids.get(0)), "not the records' fault: no attempt counted");
    }

    @Test
    void anErrorBodyEchoingTheApiKeyIsStoredAndLoggedMasked() throws Exception {
        gateway.settings.put("SYNC_MAX_ATTEMPTS", "1");
        List<String> ids = gateway.recordPending(3);
        gateway.api.answer(call -> Reply.of(500, "{\"error\":\"upstream refused key " + call.apiKey() + "\"}"));

        try (LogCapture log = new LogCapture(SyncFailures.class)) {
            gateway.startManual();
            gateway.syncNow();
            String logged = String.join("\n", log.messages(Level.WARN));
            assertTrue(logged.contains("refused key ****"), logged);
            assertFalse(logged.contains(SyncFixture.API_KEY), logged);
        }
        assertEquals(3, gateway.local().get(SyncStatus.DEAD));
        String deadLetterReason = gateway.localError(ids.get(0));
        assertTrue(deadLetterReason.contains("refused key ****"), deadLetterReason);
        assertFalse(deadLetterReason.contains(SyncFixture.API_KEY), deadLetterReason);
        SyncLogEntry logRow = gateway.logs().get(0);
        assertFalse(logRow.error().contains(SyncFixture.API_KEY), logRow.error());
    }
}
