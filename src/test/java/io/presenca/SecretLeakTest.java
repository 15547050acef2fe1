package io.presenca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import io.presenca.cli.Presenca;
import io.presenca.config.OwnerOnlyLogFileAppender;
import io.presenca.config.Settings;
import io.presenca.rekognition.FakeRekognition;
import io.presenca.rekognition.FakeRekognition.Reply;
import io.presenca.sync.SyncFixture;
import io.presenca.sync.bench.LoopbackApi;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * Every configured secret is grepped for in what a run leaves behind: the log file (written by the
 * production appender and pattern, stack traces included), the console output of the commands, the
 * messages of the exceptions they met, and the settings as logged at start. The run covers the gateway
 * with Rekognition refusing the AWS keys, `sync --once` with PostgreSQL down, and the school's API
 * refusing the API key; and a gateway whose RTSP camera (password in CAMERA_SOURCE) cannot be reached,
 * asked over HTTP for its health and its dashboard while FFmpeg's error text is logged on every reconnect.
 */
@Timeout(120)
class SecretLeakTest {

    private static final String PG_PASSWORD = "pg-" + UUID.randomUUID();
    private static final String API_KEY = "api-" + UUID.randomUUID();
    private static final String AWS_KEY_ID = "AKID" + UUID.randomUUID().toString().replace("-", "").toUpperCase();
    private static final String AWS_SECRET = "aws-" + UUID.randomUUID();
    private static final String PRESENCA_KEY = Base64.getEncoder().encodeToString(UUID.randomUUID().toString()
            .substring(0, 32).getBytes(StandardCharsets.US_ASCII));
    /** What the sync's request to the school's API carries: the HTTP client's own headers and the route's. */
    private static final Set<String> API_HEADERS = Set.of("accept", "accept-encoding", "connection", "content-length",
            "content-type", "host", "idempotency-key", "user-agent", "x-api-key");
    private static final String WEBHOOK_KEY = "hook-" + UUID.randomUUID();
    private static final String SMTP_PASSWORD = "smtp-" + UUID.randomUUID();
    private static final List<String> SECRETS = List.of(PG_PASSWORD, API_KEY, AWS_KEY_ID, AWS_SECRET, PRESENCA_KEY,
            WEBHOOK_KEY, SMTP_PASSWORD);

    private final GatewayFixture gateway = new GatewayFixture();
    private final FakeRekognition fake = new FakeRekognition();
    private final Path logFile = gateway.home.resolve("logs/attendance_system.log");
    private OwnerOnlyLogFileAppender appender;

    @AfterEach
    void stop() {
        fake.close();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender(appender);
        appender.stop();
        gateway.settings.keySet().forEach(System::clearProperty);
    }

    /** The production file appender and pattern (logback.xml), on a file of this test. */
    private void logToFile() throws Exception {
        Files.createDirectories(logFile.getParent());
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        appender = new OwnerOnlyLogFileAppender();
        appender.setContext(context);
        appender.setFile(logFile.toString());
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
        policy.setContext(context);
        policy.setParent(appender);
        policy.setFileNamePattern(logFile + ".%d{yyyy-MM-dd}.%i.gz");
        policy.setMaxFileSize(FileSize.valueOf("20MB"));
        policy.start();
        appender.setRollingPolicy(policy);
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{24} - %msg%n");
        encoder.start();
        appender.setEncoder(encoder);
        appender.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(appender);
    }

    @Test
    void aCameraPasswordAppearsNowhereWhileTheGatewayRetriesTheCamera() throws Exception {
        logToFile();
        String cameraPassword = "S3cret-" + UUID.randomUUID();
        gateway.settings.put("CAMERA_SOURCE", "rtsp://user:" + cameraPassword + "@127.0.0.1:" + closedPort() + "/x");
        gateway.settings.put("DASHBOARD_ADMIN_PASSWORD", DashboardGatewayTest.PASSWORD);
        Logger cameraLog = (Logger) LoggerFactory.getLogger(io.presenca.camera.CameraConsumer.class);
        cameraLog.setLevel(ch.qos.logback.classic.Level.DEBUG); // every reconnect's FFmpeg error, not only the first
        PrintStream console = System.out;
        ByteArrayOutputStream consoleCopy = new ByteArrayOutputStream();
        StringBuilder seen = new StringBuilder(gateway.settings().describe());
        System.setOut(new PrintStream(consoleCopy, true, StandardCharsets.UTF_8));
        try (GatewayFixture.Running running = gateway.start()) {
            String base = "http://127.0.0.1:" + gateway.managementPort();
            OperationsGatewayTest.waitFor(() -> log().contains("still not available"), "a reconnect to the camera");
            for (String path : List.of("/observe/health?exposureLevel=full", "/observe/health/ready?exposureLevel=full",
                    "/observe/health/ready", "/observe/health/live?exposureLevel=full", "/observe/metrics")) {
                seen.append(OperationsGatewayTest.get(base + path).body());
            }
            String health = OperationsGatewayTest.get(base + "/observe/health?exposureLevel=full").body();
            assertTrue(health.contains("user:***@127.0.0.1"), "the camera is named, masked: " + health);
            String cookie = DashboardGatewayTest.logIn(base);
            String status = DashboardGatewayTest.send(base, "GET", "/dashboard/api/status", cookie, null).body();
            assertTrue(status.contains("rtsp://user:***@127.0.0.1"), status);
            seen.append(status);
            // what JMX shows an operator: Camel's MBean names and each endpoint's URI
            javax.management.MBeanServer jmx = java.lang.management.ManagementFactory.getPlatformMBeanServer();
            for (javax.management.ObjectName name : jmx.queryNames(new javax.management.ObjectName("org.apache.camel:*"), null)) {
                seen.append(name).append('\n');
                if ("endpoints".equals(name.getKeyProperty("type"))) {
                    seen.append(jmx.getAttribute(name, "EndpointUri")).append('\n');
                }
            }
            assertTrue(seen.toString().contains("camera://door"), "the camera's endpoint is among the MBeans");
        } finally {
            System.setOut(console);
            cameraLog.setLevel(null);
        }
        appender.stop();
        seen.append(consoleCopy.toString(StandardCharsets.UTF_8)).append(log());
        assertTrue(seen.toString().contains("Could not open input") || seen.toString().contains("rtsp://user:***@"),
                "FFmpeg's error was logged: " + log());
        assertFalse(seen.toString().contains(cameraPassword), "the camera password leaked");
    }

    private String log() {
        try {
            return Files.exists(logFile) ? Files.readString(logFile) : "";
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void noConfiguredSecretAppearsInLogsOutputExceptionsOrTheSettingsShown() throws Exception {
        logToFile();
        LoopbackApi api = LoopbackApi.start("the-key-the-school-expects", LoopbackApi.acceptingAll());
        gateway.settings.putAll(Map.of(
                "POSTGRES_PASSWORD", PG_PASSWORD, "POSTGRES_HOST", "127.0.0.1", "POSTGRES_PORT", Integer.toString(closedPort()),
                "EXTERNAL_API_URL", api.url(), "EXTERNAL_API_KEY", API_KEY, "EXTERNAL_API_TIMEOUT_SECONDS", "2"));
        gateway.settings.putAll(Map.of("MATCHER", "rekognition", "AWS_ACCESS_KEY_ID", AWS_KEY_ID,
                "AWS_SECRET_ACCESS_KEY", AWS_SECRET, "REKOGNITION_ENDPOINT", fake.endpoint().toString(),
                "REKOGNITION_TIMEOUT_MS", "2000"));
        gateway.settings.put("PRESENCA_KEY", PRESENCA_KEY);
        // notifications on, to receivers that refuse (the webhook) or are not there (SMTP)
        gateway.settings.putAll(Map.of("WEBHOOK_URL", api.url() + "/no-such-hook", "WEBHOOK_API_KEY", WEBHOOK_KEY,
                "EVENT_RETRY_SECONDS", "1", "SMTP_HOST", "127.0.0.1", "SMTP_PORT", Integer.toString(closedPort()),
                "SMTP_USER", "office", "SMTP_PASSWORD", SMTP_PASSWORD, "OFFICE_EMAIL", "office@school.example"));
        for (String operation : List.of("SearchFacesByImage", "DescribeCollection", "DeleteCollection", "CreateCollection",
                "IndexFaces")) {
            fake.when(operation, r -> Reply.error(400, "UnrecognizedClientException",
                    "The security token included in the request is invalid."));
        }
        StringBuilder seen = new StringBuilder();
        try {
            Settings settings = gateway.settings();
            seen.append(settings.describe());
            assertTrue(settings.describe().contains("EXTERNAL_API_KEY = ****"), settings.describe());
            assertTrue(settings.describe().contains("PRESENCA_KEY = ****"), settings.describe());

            gateway.enrollAndShowNextThree(GatewayFixture.lfwIdentities(5, 1000).get(0));
            assertEquals(0, gateway.runToEnd());

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            gateway.settings.forEach(System::setProperty);
            PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
            assertEquals(1, Presenca.run(new String[] {"sync", "--once"}, print, print), "PostgreSQL is down");
            assertEquals(1, Presenca.run(new String[] {"reindex"}, print, print), "Rekognition refuses the keys");
            seen.append(out.toString(StandardCharsets.UTF_8));
            // the system properties (which Camel's placeholders also read) were for the commands above
            gateway.settings.keySet().forEach(System::clearProperty);

            // the school's API refusing the key, failing or refusing a batch, each echoing the key it got
            // in its error body: the sync route traced at every step, headers and properties included
            for (int status : new int[] {401, 500, 422}) {
                try (SyncFixture sync = new SyncFixture(API_KEY)) {
                    List<String> ids = sync.recordPending(2);
                    sync.api.answer(call -> LoopbackApi.Reply.of(status, "{\"error\":\"bad request with key "
                            + call.apiKey() + "\"}"));
                    sync.traceRoutes();
                    sync.startManual();
                    sync.syncNow();
                    LoopbackApi.Call call = sync.api.calls().get(0);
                    assertEquals(API_KEY, call.apiKey(), "the API got the key");
                    assertEquals(API_HEADERS, call.headerNames(), "no message header travels to the API");
                    String stored = sync.localError(ids.get(0)) + "\n" + sync.logs();
                    assertTrue(status == 401 || stored.contains("bad request with key ****"), stored);
                    seen.append(stored).append('\n');
                }
            }
        } finally {
            api.close();
        }
        appender.stop();
        String log = Files.readString(logFile);
        assertTrue(log.contains("UnrecognizedClientException") || log.contains("refused"), "the run was logged: " + log.length());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(logFile)), "log file owner-only");
        seen.append(log);
        for (String secret : SECRETS) {
            assertFalse(seen.toString().contains(secret), "a configured secret leaked: " + secret.substring(0, 6) + "...");
        }
    }
}
