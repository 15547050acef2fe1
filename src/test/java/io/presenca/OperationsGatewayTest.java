package io.presenca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.presenca.monitoring.Pipeline;
import io.presenca.store.Database;
import io.presenca.store.SyncQueue;
import io.presenca.store.SyncStatus;
import io.presenca.sync.SyncFixture;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/**
 * The gateway as an IT person watches it: a folder source runs with central sync to a real
 * PostgreSQL and a loopback API, while health and Prometheus metrics are scraped over HTTP on the
 * loopback management port and the pipeline MBean is read and operated through JMX.
 */
class OperationsGatewayTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void healthMetricsAndPipelineMBeanWhileAFolderSourceRuns() throws Exception {
        try (SyncFixture central = new SyncFixture()) {
            GatewayFixture gateway = new GatewayFixture();
            central.settings.forEach((name, value) -> {
                if (name.startsWith("POSTGRES_") || name.startsWith("EXTERNAL_API") || name.startsWith("SYNC_")
                        || name.startsWith("ATTENDANCE_SYNC")) {
                    gateway.settings.put(name, value);
                }
            });
            String student = GatewayFixture.lfwIdentities(5, 1000).get(0);
            List<Path> photos = GatewayFixture.lfwPhotos(student);
            gateway.enroll(student, photos.get(0), photos.get(1));
            // the student, then strangers: the source runs for a few seconds, long enough to be watched
            List<Path> walkPast = new ArrayList<>(photos.subList(2, 5));
            GatewayFixture.lfwIdentities(1, 1).stream().limit(150).forEach(s -> walkPast.addAll(GatewayFixture.lfwPhotos(s)));
            gateway.showToCamera(walkPast);

            String base = "http://127.0.0.1:" + gateway.managementPort();
            try (GatewayFixture.Running running = gateway.start()) {
                waitFor(() -> get(base + "/observe/health").statusCode() > 0, "the management port to answer");
                assertLoopbackOnly(gateway.managementPort());

                // while frames flow: the camera is up and frames are counted
                waitFor(() -> metric(base, "presenca_frames_total", "") > 0, "frames to be counted");
                JsonNode health = JSON.readTree(get(base + "/observe/health?exposureLevel=full").body());
                assertEquals("UP", check(health, "sqlite").path("status").asText(), health.toPrettyString());

                // the student is recorded, synced through the API into PostgreSQL, and every number says so
                waitFor(() -> central.pgRecords() == 1, "the record to reach PostgreSQL");
                waitFor(() -> metric(base, "presenca_sync_batches_total", "outcome=\"sent\"") >= 1, "a sent batch");
                String metrics = get(base + "/observe/metrics").body();
                assertEquals(1, value(metrics, "presenca_matches_total", "matcher=\"local\""), 0.0, metrics);
                assertEquals(0, value(metrics, "presenca_matches_total", "matcher=\"rekognition\""), 0.0);
                assertEquals(1, value(metrics, "presenca_records", "status=\"synced\""), 0.0);
                assertEquals(0, value(metrics, "presenca_records", "status=\"pending\""), 0.0);
                assertEquals(0, value(metrics, "presenca_oldest_unsynced_record_age_seconds", ""), 0.0);
                assertTrue(value(metrics, "presenca_faces_total", "outcome=\"accepted\"") >= 3, metrics);
                assertTrue(value(metrics, "presenca_unknown_faces_total", "") > 0, "strangers are unknown faces");
                assertTrue(value(metrics, "presenca_external_api_seconds_count", "") >= 1, "API calls timed");
                assertTrue(value(metrics, "presenca_postgresql_seconds_count", "") >= 1, "PostgreSQL work timed");
                assertTrue(value(metrics, "presenca_review_queue_size", "") >= 0);
                assertTrue(metrics.contains("routeId=\"capture\""), "Camel's own route metrics are there too");

                health = JSON.readTree(get(base + "/observe/health?exposureLevel=full").body());
                for (String id : List.of("sqlite", "postgresql", "external-api")) {
                    assertEquals("UP", check(health, id).path("status").asText(), id + ": " + health.toPrettyString());
                }

                // the pipeline MBean, read as JConsole would
                MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
                ObjectName pipeline = new ObjectName(Pipeline.OBJECT_NAME);
                assertTrue((Long) jmx.getAttribute(pipeline, "Frames") > 0);
                assertEquals(1L, jmx.getAttribute(pipeline, "Matches"));
                assertEquals(0L, jmx.getAttribute(pipeline, "PendingRecords"));
                assertEquals(0L, jmx.getAttribute(pipeline, "DeadRecords"));
                assertTrue((Long) jmx.getAttribute(pipeline, "UnknownFaces") > 0);
                waitFor(() -> attribute(jmx, pipeline, "FramesPerSecond") > 0, "a frame rate");
                String synced = (String) jmx.invoke(pipeline, "triggerSync", null, null);
                assertTrue(synced.startsWith("Sync pass done: 0 pending, 0 dead"), synced);

                // pause: the capture route stops, the camera check says why; resume: it reads again
                assertEquals("Capture paused.", jmx.invoke(pipeline, "pauseCapture", null, null));
                assertEquals(true, jmx.getAttribute(pipeline, "CapturePaused"));
                HttpResponse<String> ready = get(base + "/observe/health/ready?exposureLevel=full");
                assertEquals(503, ready.statusCode(), ready.body());
                JsonNode camera = check(JSON.readTree(ready.body()), "camera");
                assertEquals("DOWN", camera.path("status").asText());
                assertTrue(camera.path("message").asText().contains("capture route is not running"), camera.toString());
                assertEquals(200, get(base + "/observe/health/live").statusCode(), "a paused camera is no reason to restart");
                assertEquals("Capture resumed.", jmx.invoke(pipeline, "resumeCapture", null, null));
                assertEquals(false, jmx.getAttribute(pipeline, "CapturePaused"));

                // scrape cost, for the README
                long[] millis = new long[20];
                for (int i = 0; i < millis.length; i++) {
                    long start = System.nanoTime();
                    assertEquals(200, get(base + "/observe/metrics").statusCode());
                    millis[i] = (System.nanoTime() - start) / 1_000_000;
                }
                java.util.Arrays.sort(millis);
                System.out.printf("metrics scrape: median %d ms, max %d ms%n", millis[10], millis[19]);
            }
            assertEquals(1L, new SyncQueue(Database.open(gateway.sqlite)).countByStatus().get(SyncStatus.SYNCED),
                    "nothing lost or left behind by pausing, resuming and stopping");
            assertTrue(!ManagementFactory.getPlatformMBeanServer().isRegistered(new ObjectName(Pipeline.OBJECT_NAME)),
                    "the MBean leaves with the gateway");
        }
    }

    /** MANAGEMENT_HOST defaults to 127.0.0.1: the port is closed on this machine's other addresses. */
    static void assertLoopbackOnly(int port) throws Exception {
        for (java.net.NetworkInterface nic : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
            for (java.net.InetAddress address : java.util.Collections.list(nic.getInetAddresses())) {
                if (address.isLoopbackAddress() || !(address instanceof java.net.Inet4Address)) {
                    continue;
                }
                try (java.net.Socket socket = new java.net.Socket()) {
                    socket.connect(new java.net.InetSocketAddress(address, port), 1000);
                    throw new AssertionError("the management port answers on " + address + ", not only on loopback");
                } catch (java.io.IOException expected) {
                    // refused: not reachable from the network
                }
            }
        }
    }

    static JsonNode check(JsonNode health, String id) {
        for (JsonNode check : health.path("checks")) {
            if (id.equals(check.path("name").asText())) {
                return check;
            }
        }
        throw new AssertionError("no health check '" + id + "' in " + health.toPrettyString());
    }

    static HttpResponse<String> get(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            return new NoResponse(url);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static double metric(String base, String name, String labels) {
        return value(get(base + "/observe/metrics").body(), name, labels);
    }

    /** A sample's value from Prometheus text; labels: one "key=\"value\"" that must be among its labels, or "". */
    static double value(String metrics, String name, String labels) {
        Pattern line = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*\\})? (\\S+)$", Pattern.MULTILINE);
        Matcher m = line.matcher(metrics == null ? "" : metrics);
        while (m.find()) {
            if (labels.isEmpty() || (m.group(1) != null && m.group(1).contains(labels))) {
                return Double.parseDouble(m.group(2));
            }
        }
        return Double.NaN;
    }

    static double attribute(MBeanServer jmx, ObjectName name, String attribute) {
        try {
            return ((Number) jmx.getAttribute(name, attribute)).doubleValue();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void waitFor(BooleanSupplier condition, String what) {
        org.awaitility.Awaitility.await(what).atMost(Duration.ofSeconds(60)).until(condition::getAsBoolean);
    }

    /** Stands for a connection refused, so polling code can wait on a status code. */
    private record NoResponse(String url) implements HttpResponse<String> {
        public int statusCode() { return 0; }
        public HttpRequest request() { return null; }
        public java.util.Optional<HttpResponse<String>> previousResponse() { return java.util.Optional.empty(); }
        public java.net.http.HttpHeaders headers() { return java.net.http.HttpHeaders.of(java.util.Map.of(), (a, b) -> true); }
        public String body() { return null; }
        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() { return java.util.Optional.empty(); }
        public URI uri() { return URI.create(url); }
        public HttpClient.Version version() { return HttpClient.Version.HTTP_1_1; }
    }
}
