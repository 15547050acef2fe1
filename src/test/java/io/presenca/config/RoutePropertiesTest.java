package io.presenca.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.presenca.camera.LogCapture;
import io.presenca.matching.Gallery;
import io.presenca.matching.GalleryLoader;
import io.presenca.store.Database;
import io.presenca.store.TemplateStore;
import io.presenca.sync.CentralSync;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.component.timer.TimerEndpoint;
import org.apache.camel.main.Main;
import org.apache.camel.util.TimeUtils;
import org.junit.jupiter.api.Test;

/**
 * The routes read settings by their own names: every placeholder of every bundled route resolves
 * under the default settings (a timer's to a duration Camel reads), and a setting given the way the
 * environment gives it reaches the running route, while its secrets stay masked in Camel's start-up log.
 */
class RoutePropertiesTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(.+?)}}");
    private static final Pattern TIMER_OPTION = Pattern.compile("(?:period|delay): \"([^\"]*\\{\\{[^\"]+)\"");

    /** The settings of a gateway whose school set nothing: the bundled application.properties only. */
    private static Settings defaults() {
        return Settings.load(new SettingSources(Map.of(), new Properties(), SettingSources.applicationProperties(
                Path.of("target", "no-such-application.properties"))));
    }

    @Test
    void everyPlaceholderOfEveryBundledRouteResolvesUnderTheDefaultSettings() throws Exception {
        Main main = startWithoutRoutes(defaults());
        CamelContext camel = main.getCamelContext();
        List<String> routeFiles = new ArrayList<>();
        int placeholders = 0;
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path file : files.sorted().toList()) {
                routeFiles.add(file.getFileName().toString());
                String yaml = Files.readString(file);
                Matcher found = PLACEHOLDER.matcher(yaml);
                while (found.find()) {
                    placeholders++;
                    String resolved = camel.resolvePropertyPlaceholders(found.group());
                    assertFalse(resolved.contains("{{"), file + ": " + found.group());
                }
                Matcher timer = TIMER_OPTION.matcher(yaml);
                while (timer.find()) {
                    long millis = TimeUtils.toMilliSeconds(camel.resolvePropertyPlaceholders(timer.group(1)));
                    assertTrue(millis > 0, file + ": " + timer.group() + " is " + millis + " ms");
                }
            }
        }
        assertTrue(routeFiles.contains("sync.camel.yaml") && routeFiles.contains("capture.camel.yaml"), routeFiles.toString());
        assertTrue(placeholders > 30, "placeholders seen: " + placeholders);
        assertEquals("300s", camel.resolvePropertyPlaceholders("{{attendanceSyncPeriod}}"), "ATTENDANCE_SYNC_INTERVAL = 5");
        assertEquals("60m", camel.resolvePropertyPlaceholders("{{STUDENT_SYNC_INTERVAL}}m"));
        assertEquals("false", camel.resolvePropertyPlaceholders("{{centralSyncScheduled}}"), "EXTERNAL_API_URL is not set");
        main.stop();
    }

    @Test
    void aSettingSetEmptyIsNotSetForTheRoutesEither() throws Exception {
        // as a compose file passes WEBHOOK_URL= when the school left it out; Camel reads -D and the environment alike
        System.setProperty("WEBHOOK_URL", "");
        System.setProperty("WEBHOOK_API_KEY", "");
        Main main = startWithoutRoutes(Settings.fromProcess());
        try {
            CamelContext camel = main.getCamelContext();
            assertEquals("false", camel.resolvePropertyPlaceholders("{{webhookEnabled}}"));
            assertEquals("http://webhook-not-set.invalid", camel.resolvePropertyPlaceholders("{{WEBHOOK_URL}}"),
                    "an endpoint Camel can create, for a route that sends nothing");
            assertEquals("", camel.resolvePropertyPlaceholders("{{WEBHOOK_API_KEY}}"));
        } finally {
            main.stop();
            System.clearProperty("WEBHOOK_URL");
            System.clearProperty("WEBHOOK_API_KEY");
        }
    }

    /** Camel as the gateway sets it up, placeholders and all, with no route. */
    private static Main startWithoutRoutes(Settings settings) throws Exception {
        Main main = new Main();
        RouteProperties.handTo(main, settings, true);
        main.configure().setJmxEnabled(false);
        main.start();
        return main;
    }

    @Test
    void aSettingGivenAsTheEnvironmentGivesItReachesTheSyncTimersAndItsSecretIsMaskedInCamelsLog() throws Exception {
        Path home = Path.of("target", "route-properties-test", UUID.randomUUID().toString()).toAbsolutePath();
        String apiKey = "key-" + UUID.randomUUID();
        Map<String, String> environment = new HashMap<>();
        environment.put("SQLITE_PATH", home.resolve("attendance.db").toString());
        environment.put("EXTERNAL_API_URL", "http://127.0.0.1:9/api"); // nothing listens: no pass runs before 5 s anyway
        environment.put("EXTERNAL_API_KEY", apiKey);
        environment.put("ATTENDANCE_SYNC_INTERVAL", "7");
        environment.put("STUDENT_SYNC_INTERVAL", "3");
        Settings settings = Settings.fromProcessWith(environment);

        // a school's step sending the key as a header, the way the sync route's HTTP call does
        Path keyRoute = home.resolve("api-key.camel.yaml");
        Files.createDirectories(home);
        Files.writeString(keyRoute, """
                - route:
                    id: api-key-header
                    from:
                      uri: direct:api-key-header
                      steps:
                        - setHeader:
                            name: X-Api-Key
                            constant: "{{EXTERNAL_API_KEY}}"
                """);
        CamelContext camel;
        String logged;
        try (LogCapture camelLog = new LogCapture("org.apache.camel.main.BaseMainSupport")) {
            camel = startSyncRoutes(settings, true, ",file:" + keyRoute);
            logged = String.join("\n", camelLog.messages(Level.INFO));
        }
        try {
            assertEquals(7 * 60_000, timer(camel, "attendance-sync-timer").getPeriod(), "ATTENDANCE_SYNC_INTERVAL = 7 minutes");
            assertEquals(5_000, timer(camel, "attendance-sync-timer").getDelay(), "the first pass soon after start");
            assertEquals(3 * 60_000, timer(camel, "student-sync-timer").getPeriod(), "STUDENT_SYNC_INTERVAL = 3 minutes");
            assertTrue(camel.getRouteController().getRouteStatus("attendance-sync-timer").isStarted());
            assertTrue(camel.getRouteController().getRouteStatus("cleanup").isStarted());
        } finally {
            camel.stop();
        }
        assertTrue(logged.contains("EXTERNAL_API_KEY"), "Camel's summary of resolved placeholders: " + logged);
        assertFalse(logged.contains(apiKey), "the API key leaked: " + logged);

        CamelContext syncOnce = startSyncRoutes(settings, false, "");
        try {
            assertTrue(syncOnce.getRouteController().getRouteStatus("attendance-sync-timer").isStopped(),
                    "sync --once calls the route itself: no timer");
            assertTrue(syncOnce.getRouteController().getRouteStatus("cleanup").isStopped());
        } finally {
            syncOnce.stop();
        }
    }

    private static CamelContext startSyncRoutes(Settings settings, boolean timersOn, String moreRoutes) throws Exception {
        Database db = Database.open(settings.sqlitePath);
        CentralSync sync = new CentralSync(settings, db, "test");
        Main main = new Main();
        sync.bindTo(main, timersOn, new GalleryLoader(new TemplateStore(db), new Gallery()));
        main.configure().setRoutesIncludePattern("file:routes/" + String.join(",file:routes/", CentralSync.ROUTE_FILES)
                + moreRoutes);
        main.configure().setJmxEnabled(false);
        // routes started with the context, not by the supervising controller after it: Camel's summary of the
        // placeholders it resolved, logged at start, then covers the routes' too
        main.addOverrideProperty("camel.routecontroller.enabled", "false");
        main.start();
        return main.getCamelContext();
    }

    private static TimerEndpoint timer(CamelContext camel, String routeId) {
        return (TimerEndpoint) camel.getRoute(routeId).getEndpoint();
    }
}
