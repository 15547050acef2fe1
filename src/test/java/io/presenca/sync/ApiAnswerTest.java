package io.presenca.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.presenca.store.SyncStatus;
import io.presenca.sync.bench.LoopbackApi;
import io.presenca.sync.bench.LoopbackApi.Reply;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * How the sync route takes the API's answers, over real HTTP on loopback: an answer that does not
 * give every record sent exactly one verdict fails the batch (retried, the body's start kept for the
 * school to read), and five outages in a row open the circuit breaker the route's step uses.
 */
@Timeout(120)
class ApiAnswerTest {

    private final SyncFixture gateway = new SyncFixture();

    ApiAnswerTest() throws IOException {
    }

    @AfterEach
    void stop() throws Exception {
        gateway.close();
    }

    /** Five of them: each is an outage, and a sixth in a row would meet the open circuit breaker. */
    @Test
    void answersThatDoNotGiveEachRecordOneVerdictFailTheBatch() throws Exception {
        gateway.recordPending(3);
        gateway.startManual();

        String html = failure(call -> Reply.of(200, "<html><body>Proxy login</body></html>"));
        assertTrue(html.startsWith("malformed response: ") && html.contains("not JSON")
                && html.contains("body: <html><body>Proxy login"), html);
        assertTrue(failure(call -> Reply.of(200, results(call.recordIds().subList(0, 1), "accepted")))
                .contains("2 of 3 records have no result"));
        assertTrue(failure(call -> Reply.of(200, results(List.of("zzz"), "accepted"))).contains("not sent (zzz)"));
        assertTrue(failure(call -> Reply.of(200, results(call.recordIds(), "maybe"))).contains("status 'maybe'"));
        assertTrue(failure(call -> Reply.of(200, "x".repeat(5000))).length() < 400, "the excerpt is short");

        assertEquals(3, gateway.local().get(SyncStatus.PENDING), "no record marked on a partial answer");
        assertEquals(0, gateway.pgRecords());
    }

    @Test
    void fiveOutagesInARowOpenTheCircuitAndNoCallIsMadeWhileItIsOpen() throws Exception {
        gateway.settings.put("SYNC_CIRCUIT_OPEN_SECONDS", "600");
        gateway.recordPending(3);
        gateway.api.answer(call -> Reply.of(500, "down"));
        CentralSync sync = gateway.startManual();

        for (int i = 0; i < 5; i++) {
            gateway.syncNow();
        }
        assertEquals(CircuitBreaker.State.OPEN, sync.externalApiCircuit().getState());
        gateway.syncNow();

        assertEquals(5, gateway.api.calls().size(), "no call while the circuit is open");
        assertTrue(sync.syncGate().lastProblem().contains("circuit open"), sync.syncGate().lastProblem());
        assertEquals(3, gateway.local().get(SyncStatus.PENDING));
    }

    /** The error the sync log holds for the batch that got this answer. */
    private String failure(LoopbackApi.Answer answer) {
        gateway.api.answer(answer);
        int calls = gateway.api.calls().size();
        gateway.syncNow();
        assertEquals(calls + 1, gateway.api.calls().size());
        String error = gateway.logs().get(0).error();
        assertTrue(error != null && error.startsWith("malformed response: "), String.valueOf(error));
        return error;
    }

    private static String results(List<String> ids, String status) {
        return "{\"results\":[" + String.join(",", ids.stream().map(id -> verdict(id, status)).toList()) + "]}";
    }

    private static String verdict(String id, String status) {
        return "{\"id\":\"" + id + "\",\"status\":\"" + status + "\"}";
    }
}
