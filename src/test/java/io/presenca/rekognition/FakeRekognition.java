package io.presenca.rekognition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A loopback stand-in for Rekognition's JSON 1.1 protocol ({@code POST /}, {@code X-Amz-Target:
 * RekognitionService.<Operation>}), enough for the gateway's calls. It keeps collections and faces
 * like the service does, records every request for the test to assert on, and answers whatever a
 * test scripts per operation: a match, an error of any type and status, a dropped connection.
 */
public final class FakeRekognition implements AutoCloseable {

    public static final String FACE_MODEL_VERSION = "7.0";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as received; {@code receivedNanos} is System.nanoTime() when it arrived. */
    public record Request(String operation, Map<String, String> headers, JsonNode body, long receivedNanos) {

        public String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }

        /** The decoded Image.Bytes of the request. */
        public byte[] imageBytes() {
            return Base64.getDecoder().decode(body.path("Image").path("Bytes").asText());
        }
    }

    /** What the fake sends back; {@link #DROP} closes the connection without an answer. */
    public record Reply(int status, String errorType, String body) {
        public static final Reply DROP = new Reply(-1, null, null);

        public static Reply ok(String json) {
            return new Reply(200, null, json);
        }

        public static Reply error(int status, String type, String message) {
            return new Reply(status, type, "{\"__type\":\"" + type + "\",\"Message\":\"" + message + "\"}");
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new ArrayList<>();
    private final Map<String, Function<Request, Reply>> scripts = new ConcurrentHashMap<>();
    /** collection id -> face id -> external image id */
    private final Map<String, Map<String, String>> collections = new ConcurrentHashMap<>();
    private volatile boolean offline;

    public FakeRekognition() {
        // without it the JDK server's small writes meet delayed ACKs: 40 ms per call on loopback
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot open a loopback port for the fake Rekognition", e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Answers {@code operation} with {@code script}; a script returning null leaves it to the fake's own behaviour. */
    public FakeRekognition when(String operation, Function<Request, Reply> script) {
        scripts.put(operation, script);
        return this;
    }

    /** SearchFacesByImage finds {@code studentId} at {@code similarity} percent. */
    public FakeRekognition searchFinds(String studentId, double similarity) {
        return when("SearchFacesByImage", r -> Reply.ok(searchAnswer(Map.of(studentId, similarity))));
    }

    /** While offline every connection is dropped unanswered, as when the school's internet is down. */
    public void offline(boolean offline) {
        this.offline = offline;
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Request> requests(String operation) {
        return requests().stream().filter(r -> r.operation().equals(operation)).toList();
    }

    public synchronized void forgetRequests() {
        requests.clear();
    }

    /** Face id -> student id, as the collection holds them now. */
    public Map<String, String> faces(String collectionId) {
        return Map.copyOf(collections.getOrDefault(collectionId, Map.of()));
    }

    public boolean hasCollection(String collectionId) {
        return collections.containsKey(collectionId);
    }

    /** A SearchFacesByImage answer with one face per student, in the order given. */
    public static String searchAnswer(Map<String, Double> similarityByStudent) {
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode matches = answer.putArray("FaceMatches");
        new LinkedHashMap<>(similarityByStudent).forEach((student, similarity) -> {
            ObjectNode match = matches.addObject();
            match.put("Similarity", similarity);
            match.putObject("Face").put("FaceId", UUID.randomUUID().toString()).put("ExternalImageId", student)
                    .put("Confidence", 99.9);
        });
        answer.put("FaceModelVersion", FACE_MODEL_VERSION);
        answer.put("SearchedFaceConfidence", 99.9);
        return answer.toString();
    }

    private void handle(HttpExchange exchange) throws IOException {
        long received = System.nanoTime();
        try (exchange) {
            byte[] raw = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) ->
                    headers.put(name.toLowerCase(java.util.Locale.ROOT), String.join(",", values)));
            String target = headers.getOrDefault("x-amz-target", "");
            String operation = target.startsWith("RekognitionService.") ? target.substring("RekognitionService.".length()) : target;
            Request request = new Request(operation, headers, raw.length == 0 ? JSON.createObjectNode() : JSON.readTree(raw),
                    received);
            synchronized (this) {
                requests.add(request);
            }
            if (offline) {
                return; // closed without a status line: the client sees the connection drop
            }
            Function<Request, Reply> script = scripts.get(operation);
            Reply reply = script == null ? null : script.apply(request);
            if (reply == null) {
                reply = service(request);
            }
            if (reply.status() < 0) {
                return;
            }
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
            exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
            if (reply.errorType() != null) {
                exchange.getResponseHeaders().set("x-amzn-ErrorType", reply.errorType());
            }
            exchange.sendResponseHeaders(reply.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** The service's own behaviour for the operations the gateway uses. */
    private Reply service(Request request) {
        JsonNode body = request.body();
        String collection = body.path("CollectionId").asText();
        Map<String, String> faces = collections.get(collection);
        switch (request.operation()) {
            case "CreateCollection" -> {
                if (collections.putIfAbsent(collection, new ConcurrentHashMap<>()) != null) {
                    return Reply.error(400, "ResourceAlreadyExistsException", "The collection id: " + collection + " already exists");
                }
                return Reply.ok("{\"StatusCode\":200,\"CollectionArn\":\"aws:rekognition:us-east-1:1:collection/" + collection
                        + "\",\"FaceModelVersion\":\"" + FACE_MODEL_VERSION + "\"}");
            }
            case "DeleteCollection" -> {
                return collections.remove(collection) == null ? missing(collection) : Reply.ok("{\"StatusCode\":200}");
            }
            case "DescribeCollection" -> {
                return faces == null ? missing(collection) : Reply.ok("{\"FaceCount\":" + faces.size()
                        + ",\"FaceModelVersion\":\"" + FACE_MODEL_VERSION + "\",\"CreationTimestamp\":1.7E9}");
            }
            case "IndexFaces" -> {
                if (faces == null) {
                    return missing(collection);
                }
                String faceId = UUID.randomUUID().toString();
                String student = body.path("ExternalImageId").asText();
                faces.put(faceId, student);
                return Reply.ok("{\"FaceRecords\":[{\"Face\":{\"FaceId\":\"" + faceId + "\",\"ExternalImageId\":\"" + student
                        + "\",\"Confidence\":99.9}}],\"UnindexedFaces\":[],\"FaceModelVersion\":\"" + FACE_MODEL_VERSION + "\"}");
            }
            case "DeleteFaces" -> {
                if (faces == null) {
                    return missing(collection);
                }
                ArrayNode deleted = JSON.createArrayNode();
                body.path("FaceIds").forEach(id -> {
                    if (faces.remove(id.asText()) != null) {
                        deleted.add(id.asText());
                    }
                });
                return Reply.ok("{\"DeletedFaces\":" + deleted + "}");
            }
            case "ListFaces" -> {
                if (faces == null) {
                    return missing(collection);
                }
                ArrayNode listed = JSON.createArrayNode();
                faces.forEach((faceId, student) -> listed.addObject().put("FaceId", faceId).put("ExternalImageId", student));
                return Reply.ok("{\"Faces\":" + listed + ",\"FaceModelVersion\":\"" + FACE_MODEL_VERSION + "\"}");
            }
            case "SearchFacesByImage" -> {
                return faces == null ? missing(collection) : Reply.ok(searchAnswer(Map.of()));
            }
            default -> {
                return Reply.error(400, "UnknownOperationException", "Unknown operation " + request.operation());
            }
        }
    }

    private static Reply missing(String collection) {
        return Reply.error(400, "ResourceNotFoundException", "The collection id: " + collection + " does not exist");
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
