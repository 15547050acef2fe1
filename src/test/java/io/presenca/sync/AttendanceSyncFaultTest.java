package io.presenca.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The attendance sync against a real PostgreSQL and a real HTTP stand-in of the API that fails in
 * the ways the school's servers do. Every test checks both databases: no record lost (all synced or
 * rejected in SQLite), none duplicated (PostgreSQL holds each UUID once), and the sync log.
 */
@Timeout(120)
class AttendanceSyncFaultTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final SyncFixture gateway;

    AttendanceSyncFaultTest() throws IOException {
        gateway = new SyncFixture();
    }

    @AfterEach
    void stop() throws Exception {
        gateway.close();
    }

    @Test
    void api500ThenRecoveryEndsWithEveryRecordSyncedOnce() throws Exception {
        List<String> ids = gateway.recordPending(50);
        AtomicInteger failuresLeft = new AtomicInteger(2);
        gateway.api.answer(call -> failuresLeft.getAndDecrement() > 0
                ? Reply.of(500, "{\"error\":\"database overloaded\"}")
                : LoopbackApi.acceptingAll().to(call));

        gateway.startScheduled();
        SyncFixture.await(() -> failuresLeft.get() <= 0, PATIENCE, "the API never failed twice");
        Duration recovery = gateway.awaitNothingPending(PATIENCE);
        SyncFixture.recordRecovery("API 500 twice, then 200", recovery);

        assertEquals(50, gateway.local().get(SyncStatus.SYNCED));
        assertEquals(50, gateway.pgRecords());
        assertEquals(50, gateway.pgDistinctIds());
        assertEquals(40, ids.stream().mapToInt(gateway::localAttempts).sum(), "two failed batches of 20, counted on each record");
        List<SyncLogEntry> failed = gateway.logs().stream().filter(l -> l.error() != null).toList();
        assertEquals(2, failed.size(), failed.toString());
        assertTrue(failed.get(0).error().contains("HTTP 500") && failed.get(0).error().contains("database overloaded"),
                failed.get(0).error());
        assertEquals(20, failed.get(0).failed());
        assertEquals(50, gateway.logs().stream().mapToInt(SyncLogEntry::accepted).sum(), "logs add up to the records");
    }

    @Test
    void perRecordRejectionsAreFinalVisibleAndNeverResent() throws Exception {
        List<String> ids = gateway.recordPending(30);
        Map<String, String> reasons = Map.of(ids.get(3), "student not enrolled at this school",
                ids.get(25), "capture time outside school hours");
        gateway.api.answer(LoopbackApi.rejecting(reasons));

        gateway.startManual();
        gateway.syncNow();
        gateway.syncNow();

        assertEquals(Map.of(SyncStatus.PENDING, 0L, SyncStatus.SYNCED, 28L, SyncStatus.REJECTED, 2L,
                SyncStatus.DEAD, 0L), gateway.local());
        assertEquals("student not enrolled at this school", gateway.localError(ids.get(3)));
        assertEquals(28, gateway.pgRecords());
        assertEquals(0, gateway.pgCount("SELECT count(*) FROM attendance_records WHERE id IN ('" + ids.get(3) + "', '"
                + ids.get(25) + "')"));
        assertEquals(2, gateway.logs().stream().mapToInt(SyncLogEntry::rejected).sum());
        assertEquals(2, gateway.api.calls().size(), "30 records in batches of 20, nothing sent again");
    }

    @Test
    void refusedApiKeyStopsSyncingWithOneErrorAndTouchesNoRecord() throws Exception {
        gateway.settings.put("EXTERNAL_API_KEY", "revoked-key");
        List<String> ids = gateway.recordPending(10);

        try (LogCapture log = new LogCapture(SyncFailures.class)) {
            CentralSync sync = gateway.startScheduled();
            SyncFixture.await(() -> !gateway.api.calls().isEmpty(), PATIENCE, "the API was never called");
            gateway.awaitPasses(3, PATIENCE); // three more timer ticks

            assertEquals(1, gateway.api.calls().size(), "syncing stopped after the 401");
            assertEquals(1, log.messages(Level.ERROR).size(), log.messages(Level.ERROR).toString());
            assertTrue(log.messages(Level.ERROR).get(0).contains("HTTP 401"), log.messages(Level.ERROR).get(0));
            assertTrue(sync.syncAlerts().apiKeyRefused());
            assertEquals(1, sync.syncAlerts().apiKeyRefusals());
        }
        assertEquals(10, gateway.local().get(SyncStatus.PENDING));
        assertEquals(0, gateway.local().get(SyncStatus.REJECTED));
        assertEquals(0, gateway.localAttempts(ids.get(0)), "not the records' fault: no attempt counted");
        assertEquals(0, gateway.pgRecords());
        assertEquals(1, gateway.logs().size());
        assertTrue(gateway.logs().get(0).error().contains("401"));
    }

    @Test
    void apiTimeoutIsRetriedAndTheRecordsArriveOnce() throws Exception {
        List<String> ids = gateway.recordPending(15);
        AtomicInteger slowAnswers = new AtomicInteger(1);
        // The API does its work but answers after the 2 s timeout: the gateway must send the records again.
        gateway.api.answer(call -> slowAnswers.getAndDecrement() > 0
                ? LoopbackApi.acceptingAll().to(call).after(Duration.ofSeconds(4))
                : LoopbackApi.acceptingAll().to(call));

        gateway.startScheduled();
        SyncFixture.await(() -> gateway.api.calls().size() >= 1, PATIENCE, "no call");
        long timedOutAt = System.nanoTime();
        gateway.awaitNothingPending(PATIENCE);
        SyncFixture.recordRecovery("API timeout (answer after 4 s, timeout 2 s)",
                Duration.ofNanos(System.nanoTime() - timedOutAt).minusSeconds(2));

        assertEquals(15, gateway.local().get(SyncStatus.SYNCED));
        assertEquals(15, gateway.pgRecords());
        assertEquals(15, gateway.pgDistinctIds());
        assertEquals(1, gateway.localAttempts(ids.get(0)));
        assertTrue(gateway.logs().stream().anyMatch(l -> l.error() != null && l.error().startsWith("timeout")),
                gateway.logs().toString());
        List<LoopbackApi.Call> calls = gateway.api.calls();
        assertEquals(calls.get(0).recordIds(), calls.get(1).recordIds(), "the same batch sent again");
        assertEquals(calls.get(0).idempotencyKey(), calls.get(1).idempotencyKey());
    }

    @Test
    void postgresDownDuringABatchThenBack() throws Exception {
        List<String> ids = gateway.recordPending(50);
        AtomicInteger call = new AtomicInteger();
        // PostgreSQL goes away while the API validates the second batch: the upsert that follows fails.
        gateway.api.answer(c -> {
            if (call.incrementAndGet() == 2) {
                try {
                    gateway.proxy.cut();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            return LoopbackApi.acceptingAll().to(c);
        });

        gateway.startScheduled();
        SyncFixture.await(() -> gateway.logs().stream().anyMatch(l -> l.error() != null), PATIENCE,
                "the batch never failed");
        gateway.awaitPasses(2, PATIENCE); // offline for a few timer ticks: no attempt is counted meanwhile
        assertEquals(20, gateway.local().get(SyncStatus.SYNCED), "the first batch went through");
        assertEquals(20, gateway.pgRecords());
        assertEquals(1, gateway.localAttempts(ids.get(20)), "only the batch cut mid-way counts an attempt");

        gateway.proxy.restore();
        Duration recovery = gateway.awaitNothingPending(PATIENCE);
        SyncFixture.recordRecovery("PostgreSQL down during a batch", recovery);

        assertEquals(50, gateway.local().get(SyncStatus.SYNCED));
        assertEquals(50, gateway.pgRecords());
        assertEquals(50, gateway.pgDistinctIds());
        assertEquals(1, gateway.localAttempts(ids.get(20)));
        SyncLogEntry failure = gateway.logs().stream().filter(l -> l.error() != null).findFirst().orElseThrow();
        assertTrue(failure.error().startsWith("central database error"), failure.error());
        assertEquals(50, gateway.pgCount("SELECT count(*) FROM attendance_records WHERE device_id = 'door-test'"));
        assertEquals(0, gateway.pgCount("SELECT pending_count FROM devices WHERE id = 'door-test'"));
    }

    @Test
    void aBatchDeliveredTwiceIsStoredOnce() throws Exception {
        List<String> ids = gateway.recordPending(25);
        gateway.startManual();
        gateway.syncNow();
        assertEquals(25, gateway.local().get(SyncStatus.SYNCED));

        // The SQLite update is lost (say, the file was restored from last night's copy): everything goes again.
        gateway.db.withConnection(c -> io.presenca.store.Sql.update(c,
                "UPDATE attendance_records SET sync_status = 'pending', synced_at = NULL"));
        gateway.syncNow();

        assertEquals(25, gateway.local().get(SyncStatus.SYNCED));
        assertEquals(25, gateway.pgRecords());
        assertEquals(25, gateway.pgDistinctIds());
        List<LoopbackApi.Call> calls = gateway.api.calls();
        assertEquals(4, calls.size());
        assertEquals(calls.get(0).recordIds(), calls.get(2).recordIds());
        assertEquals(calls.get(0).recordIdempotencyKeys(), calls.get(2).recordIdempotencyKeys());
        assertEquals(calls.get(0).recordIds(), calls.get(0).recordIdempotencyKeys(), "each record's key is its UUID");
        assertEquals(ids.subList(0, 20), calls.get(0).recordIds(), "oldest first");
        assertNull(gateway.logs().get(0).error());
    }

    @Test
    void aPassThatFailsHalfwayKeepsWhatWentThroughAndHoldsNoConnection() throws Exception {
        gateway.recordPending(30);
        AtomicInteger call = new AtomicInteger();
        gateway.api.answer(c -> call.incrementAndGet() == 2 ? Reply.of(500, "") : LoopbackApi.acceptingAll().to(c));

        gateway.startManual();
        gateway.syncNow();

        assertEquals(20, gateway.local().get(SyncStatus.SYNCED));
        assertEquals(10, gateway.local().get(SyncStatus.PENDING));
        assertEquals(20, gateway.pgRecords());
        assertEquals(0, gateway.pgCount("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'presenca "
                + SyncFixture.DEVICE + "'"), "the pass released its PostgreSQL connection");
    }

    @Test
    void aPassOpensOneConnectionToPostgresForItsCheckAndAllItsBatches() throws Exception {
        gateway.startManual();
        gateway.syncNow(); // the first pass creates the schema, on connections of its own
        gateway.recordPending(55);
        int before = gateway.proxy.connectionsAccepted();

        gateway.syncNow();

        assertEquals(55, gateway.pgRecords(), "three batches went through");
        assertEquals(1, gateway.proxy.connectionsAccepted() - before,
                "the gate's check and the three upserts share one pooled connection");
        assertEquals(0, gateway.pgCount("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'presenca "
                + SyncFixture.DEVICE + "'"), "the pass released its PostgreSQL connection");
    }
}
