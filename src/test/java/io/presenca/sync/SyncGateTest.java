package io.presenca.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.presenca.store.SyncStatus;
import io.presenca.sync.bench.LoopbackApi;
import io.presenca.sync.bench.LoopbackApi.Reply;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * When a sync pass may start, and that the API's circuit breaker never stops syncing for good: a
 * pass that the gate lets through after the breaker's wait but that makes no API call (PostgreSQL
 * unreachable, nothing due) leaves it free, and sync resumes by itself once the API and PostgreSQL
 * are back. Real PostgreSQL behind a proxy the test cuts, and a loopback API.
 */
@Timeout(120)
class SyncGateTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final SyncFixture gateway;
    private final AtomicBoolean apiFails = new AtomicBoolean(true);

    SyncGateTest() throws IOException {
        gateway = new SyncFixture();
        gateway.settings.put("SYNC_MAX_ATTEMPTS", "100");
        gateway.api.answer(call -> apiFails.get() ? Reply.of(503, "{\"error\":\"maintenance\"}")
                : LoopbackApi.acceptingAll().to(call));
    }

    @AfterEach
    void stop() throws Exception {
        gateway.close();
    }

    @Test
    void fiveFailedPassesOpenTheBreakerAndTheNextPassIsRefusedWithoutACall() throws Exception {
        gateway.settings.put("SYNC_CIRCUIT_OPEN_SECONDS", "600");
        List<String> ids = gateway.recordPending(5);
        CentralSync sync = gateway.startManual();
        for (int i = 0; i < 5; i++) {
            gateway.syncNow();
        }
        assertEquals(CircuitBreaker.State.OPEN, sync.externalApiCircuit().getState());

        gateway.syncNow();

        assertEquals(5, gateway.api.calls().size(), "no call while the breaker is open");
        assertTrue(sync.syncGate().lastProblem().contains("circuit open for 0 s after 5 failures"), sync.syncGate().lastProblem());
        assertEquals(5, gateway.localAttempts(ids.get(0)), "a refused pass counts no attempt");
    }

    @Test
    void aPassRefusedForPostgresWhileHalfOpenLeavesTheBreakerFreeAndSyncResumesByItself() throws Exception {
        gateway.recordPending(30);
        CentralSync sync = openTheBreaker();
        gateway.postgresReachable(false);
        apiFails.set(false);

        // after SYNC_CIRCUIT_OPEN_SECONDS the gate gets past the breaker and stops at PostgreSQL, pass after pass
        SyncFixture.await(() -> String.valueOf(sync.syncGate().lastProblem()).contains("central PostgreSQL"), PATIENCE,
                "no pass got past the breaker: " + sync.syncGate().lastProblem());
        int callsWhileDown = gateway.api.calls().size();
        gateway.postgresReachable(true);

        Duration recovery = gateway.awaitNothingPending(PATIENCE);
        SyncFixture.recordRecovery("breaker open, then PostgreSQL down while half-open, then both back", recovery);
        assertEquals(30, gateway.local().get(SyncStatus.SYNCED));
        assertEquals(30, gateway.pgDistinctIds());
        assertEquals(CircuitBreaker.State.CLOSED, sync.externalApiCircuit().getState());
        assertNull(sync.apiCircuitWatch().problem());
        assertTrue(gateway.api.calls().size() > callsWhileDown);
    }

    @Test
    void aPassWithNothingDueWhileHalfOpenLeavesTheBreakerFreeAndSyncResumesByItself() throws Exception {
        gateway.recordPending(30);
        CentralSync sync = openTheBreaker();
        apiFails.set(false);
        gateway.retryPendingAt(Instant.now().plus(Duration.ofHours(1)));
        int callsBefore = gateway.api.calls().size();

        // passes run (the gate lets them through once the breaker's wait is over) and find nothing due
        SyncFixture.await(() -> sync.syncGate().lastProblem() == null, PATIENCE,
                "no pass got past the breaker: " + sync.syncGate().lastProblem());
        SyncFixture.await(() -> sync.externalApiCircuit().getState() == CircuitBreaker.State.HALF_OPEN, PATIENCE, "not half-open");
        assertEquals(callsBefore, gateway.api.calls().size(), "nothing was due, nothing was sent");
        gateway.retryPendingAt(null);

        gateway.awaitNothingPending(PATIENCE);
        assertEquals(30, gateway.pgDistinctIds());
        assertEquals(CircuitBreaker.State.CLOSED, sync.externalApiCircuit().getState());
    }

    @Test
    void eachReasonToRefuseAPassIsSaid() throws Exception {
        List<String> ids = gateway.recordPending(3);
        CentralSync sync = gateway.startManual();
        apiFails.set(false);

        gateway.postgresReachable(false);
        gateway.syncNow();
        assertTrue(sync.syncGate().lastProblem().contains("central PostgreSQL"), sync.syncGate().lastProblem());
        gateway.postgresReachable(true);

        gateway.api.close();
        gateway.syncNow();
        assertTrue(sync.syncGate().lastProblem().startsWith("cannot reach the external API"), sync.syncGate().lastProblem());
        assertEquals(3, gateway.local().get(SyncStatus.PENDING));
        assertEquals(0, gateway.localAttempts(ids.get(0)), "refused passes count no attempt");
    }

    /** Scheduled passes against an API answering 503 until five in a row opened the breaker (open for 1 s). */
    private CentralSync openTheBreaker() throws Exception {
        CentralSync sync = gateway.startScheduled();
        SyncFixture.await(() -> {
            gateway.retryPendingAt(null); // each tick finds the records due, instead of waiting out their backoff
            return sync.externalApiCircuit().getState() == CircuitBreaker.State.OPEN;
        }, PATIENCE, "the breaker never opened");
        return sync;
    }
}
