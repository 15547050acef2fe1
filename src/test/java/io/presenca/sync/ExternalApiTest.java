package io.presenca.sync;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presenca.store.PendingRecord;
import io.presenca.sync.bench.LoopbackApi.Reply;
import io.presenca.sync.bench.LoopbackApi;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The API contract and the classification of its answers, over real HTTP on loopback. */
class ExternalApiTest {

    private final LoopbackApi server = LoopbackApi.start("k", LoopbackApi.acceptingAll());
    private final CircuitBreaker circuit = ExternalApi.circuitBreaker(Duration.ofMinutes(1), Clock.systemUTC());
    private final ApiPause pause = new ApiPause();
    private final SyncBatch batch = new SyncBatch(new SyncRun(true), List.of(record("a"), record("b"), record("c")));

    ExternalApiTest() throws IOException {
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ExternalApi api(String key) {
        return new ExternalApi(server.url(), key, "door-1", Duration.ofSeconds(1), circuit, pause, Clock.systemUTC());
    }

    private static PendingRecord record(String id) {
        return new PendingRecord(id, "student-" + id, "door-1", Instant.parse("2026-03-02T08:00:00Z"), 97.0, 0.35,
                "local", 0);
    }

    @Test
    void acceptedAndRejectedRecordsAreTakenPerRecord() {
        server.answer(LoopbackApi.rejecting(Map.of("b", "student not enrolled")));

        api("k").validate(batch);

        assertEquals(List.of("a", "c"), batch.accepted().stream().map(PendingRecord::id).toList());
        assertEquals(Map.of("b", "student not enrolled"), batch.rejected());
        LoopbackApi.Call call = server.calls().get(0);
        assertEquals("k", call.apiKey());
        assertEquals(List.of("a", "b", "c"), call.recordIdempotencyKeys());
        assertEquals(batch.idempotencyKey(), call.idempotencyKey());
    }

    @Test
    void refusedKeyIsNotRetryable() {
        ApiKeyRefusedException e = assertThrows(ApiKeyRefusedException.class, () -> api("wrong").validate(batch));
        assertEquals(401, e.status());
        assertTrue(!e.getMessage().contains("wrong"), "the key never appears in a message: " + e.getMessage());
        server.answer(call -> Reply.of(403, "{}"));
        assertEquals(403, assertThrows(ApiKeyRefusedException.class, () -> api("k").validate(batch)).status());
    }

    @Test
    void serverErrorsRateLimitsAndTimeoutsAreRetryable() {
        server.answer(call -> Reply.of(502, "Bad gateway"));
        assertEquals(RetryableSyncException.Kind.SERVER_ERROR, failure().kind());

        server.answer(call -> Reply.of(429, "slow down").withHeader("Retry-After", "120"));
        RetryableSyncException limited = failure();
        assertEquals(RetryableSyncException.Kind.RATE_LIMITED, limited.kind());
        assertEquals(Duration.ofSeconds(120), limited.retryAfter());

        server.answer(call -> LoopbackApi.acceptingAll().to(call).after(Duration.ofMillis(2500)));
        assertEquals(RetryableSyncException.Kind.TIMEOUT, failure().kind());
    }

    @Test
    void malformedAnswersAreRetryableWithTheBodyExcerpt() {
        server.answer(call -> Reply.of(200, "<html><body>Proxy login</body></html>"));
        RetryableSyncException html = failure();
        assertEquals(RetryableSyncException.Kind.MALFORMED_RESPONSE, html.kind());
        assertTrue(html.getMessage().contains("not JSON") && html.getMessage().contains("body: <html><body>Proxy login"),
                html.getMessage());

        server.answer(call -> Reply.of(200, "{\"results\":[{\"id\":\"a\",\"status\":\"accepted\"}]}"));
        assertTrue(failure().getMessage().contains("2 of 3 records have no result"));

        server.answer(call -> Reply.of(200, "{\"results\":[{\"id\":\"zzz\",\"status\":\"accepted\"}]}"));
        assertTrue(failure().getMessage().contains("not sent (zzz)"));

        server.answer(call -> Reply.of(200, "{\"results\":[{\"id\":\"a\",\"status\":\"maybe\"},"
                + "{\"id\":\"b\",\"status\":\"accepted\"},{\"id\":\"c\",\"status\":\"accepted\"}]}"));
        assertTrue(failure().getMessage().contains("status 'maybe'"));

        String longBody = "x".repeat(5000);
        server.answer(call -> Reply.of(200, longBody));
        assertTrue(failure().getMessage().length() < 400, "the excerpt is short");
    }

    @Test
    void unreachableApiIsANetworkError() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ExternalApi nowhere = new ExternalApi("http://127.0.0.1:" + closedPort, "k", "door-1", Duration.ofSeconds(1),
                circuit, pause, Clock.systemUTC());
        RetryableSyncException e = assertThrows(RetryableSyncException.class, () -> nowhere.validate(batch));
        assertEquals(RetryableSyncException.Kind.NETWORK, e.kind());
    }

    @Test
    void fiveFailuresInARowOpenTheCircuit() {
        server.answer(call -> Reply.of(500, "down"));
        for (int i = 0; i < 5; i++) {
            failure();
        }
        assertEquals(CircuitBreaker.State.OPEN, circuit.getState());
    }

    private RetryableSyncException failure() {
        return assertThrows(RetryableSyncException.class, () -> api("k").validate(
                new SyncBatch(new SyncRun(true), batch.records())));
    }
}
