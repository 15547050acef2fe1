package io.presenca.sync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.presenca.sync.ApiBatch;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * A stand-in for the school's validation API on 127.0.0.1, speaking the contract of
 * {@code api/external-api.openapi.yaml}: for {@code bench sync}, and for the sync tests, which script
 * its answers (fail, time out, reject, refuse the key). Requests without the expected
 * {@code X-API-Key} get 401 before any answer is consulted.
 */
public final class LoopbackApi implements AutoCloseable {

    /**
     * One request received: its number (1, 2, ...), headers of interest, the record ids sent and the
     * names of all its headers (lower case), to check that nothing else travels to the API.
     */
    public record Call(int number, String apiKey, String idempotencyKey, List<String> recordIds,
                       List<String> recordIdempotencyKeys, Set<String> headerNames) {
    }

    /** What to answer, after an optional delay. */
    public record Reply(int status, String body, Duration delay, Map<String, String> headers) {
        public static Reply of(int status, String body) {
            return new Reply(status, body, Duration.ZERO, Map.of());
        }

        public Reply after(Duration wait) {
            return new Reply(status, body, wait, headers);
        }

        public Reply withHeader(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Reply(status, body, delay, more);
        }
    }

    @FunctionalInterface
    public interface Answer {
        Reply to(Call call);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final String requiredKey;
    private final List<Call> calls = new ArrayList<>();
    private volatile Answer answer;

    private LoopbackApi(String requiredKey, Answer answer) throws IOException {
        this.requiredKey = requiredKey;
        this.answer = answer;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(threads);
        server.createContext(ApiBatch.PATH, this::handle);
        server.start();
    }

    public static LoopbackApi start(String requiredKey, Answer answer) throws IOException {
        return new LoopbackApi(Objects.requireNonNull(requiredKey, "requiredKey"), answer);
    }

    /** Accepts every record. */
    public static Answer acceptingAll() {
        return call -> Reply.of(200, results(call, Map.of()));
    }

    /** Rejects the records named, with their reasons, and accepts the others. */
    public static Answer rejecting(Map<String, String> reasonsById) {
        return call -> Reply.of(200, results(call, reasonsById));
    }

    /** The 200 body: {"results": [{"id": ..., "status": "accepted"}, {..., "status": "rejected", "reason": ...}]}. */
    public static String results(Call call, Map<String, String> reasonsById) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode results = root.putArray("results");
        for (String id : call.recordIds()) {
            ObjectNode result = results.addObject().put("id", id);
            if (reasonsById.containsKey(id)) {
                result.put("status", "rejected").put("reason", reasonsById.get(id));
            } else {
                result.put("status", "accepted");
            }
        }
        return root.toString();
    }

    /** The base URL to use as EXTERNAL_API_URL. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void answer(Answer next) {
        this.answer = next;
    }

    public List<Call> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            List<String> ids = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            for (JsonNode record : body.path("records")) {
                ids.add(record.path("id").asText());
                keys.add(record.path("idempotencyKey").asText());
            }
            Call call;
            synchronized (calls) {
                call = new Call(calls.size() + 1, exchange.getRequestHeaders().getFirst("X-API-Key"),
                        exchange.getRequestHeaders().getFirst("Idempotency-Key"), List.copyOf(ids), List.copyOf(keys),
                        exchange.getRequestHeaders().keySet().stream().map(h -> h.toLowerCase(Locale.ROOT))
                                .collect(Collectors.toCollection(TreeSet::new)));
                calls.add(call);
            }
            Reply reply = requiredKey.equals(call.apiKey()) ? answer.to(call)
                    : Reply.of(401, "{\"error\":\"missing or unknown X-API-Key\"}");
            if (!reply.delay().isZero()) {
                Thread.sleep(reply.delay().toMillis());
            }
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
