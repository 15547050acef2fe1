package io.presenca;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.presenca.camera.LogCapture;
import io.presenca.config.ConfigurationException;
import io.presenca.routes.CheckedRouteReload;
import io.presenca.store.AttendanceStore;
import io.presenca.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;

/**
 * A route saved with a mistake never leaves a gateway silently without it: at start the gateway refuses,
 * naming each mistake at its file:line; while running, the broken file is not loaded, the same report is
 * logged, and the routes already running go on until the file is fixed.
 */
class BrokenRouteTest {

    private static final String BEAN = "ref: attendanceRecorder";
    private static final String MISSPELT = "ref: attendanceRecordr";

    @Test
    void aBrokenRouteStopsTheStartWithItsFileAndLine() throws Exception {
        GatewayFixture gateway = new GatewayFixture();
        Path capture = gateway.editableRoutes().resolve("capture.camel.yaml");
        Files.writeString(capture, Files.readString(capture).replace(BEAN, MISSPELT));

        ConfigurationException refused = assertThrows(ConfigurationException.class, gateway::runToEnd);

        int beanLine = lineOf(capture, MISSPELT) - 1;
        assertTrue(refused.getMessage().contains(capture + ":" + beanLine + ": no bean named 'attendanceRecordr'"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("routes check"), "says how to check a fix");
    }

    @Test
    void aBrokenRouteSavedWhileRunningIsNotLoadedAndThePreviousRoutesKeepRunning() throws Exception {
        GatewayFixture gateway = new GatewayFixture();
        Path routes = gateway.editableRoutes();
        String first = GatewayFixture.lfwIdentities(5, 1000).get(0);
        String second = GatewayFixture.lfwIdentities(5, 1000).get(1);
        gateway.enrollAndShowNextThree(first);
        List<Path> secondWalkingIn = gateway.enrollWithFirstTwo(second);

        try (GatewayFixture.Running running = gateway.start();
             LogCapture reload = new LogCapture(CheckedRouteReload.class)) {
            AttendanceStore attendance = new AttendanceStore(Database.open(gateway.sqlite));
            await().atMost(Duration.ofSeconds(60)).until(() -> attendance.countFor(first) == 1);
            // the second student walks in after the folder was read: seen once the capture route restarts
            gateway.showLater(secondWalkingIn);

            Path capture = routes.resolve("capture.camel.yaml");
            String good = Files.readString(capture);
            Files.writeString(capture, good.replace(BEAN, MISSPELT));
            await().atMost(Duration.ofSeconds(30)).until(() -> !reload.messages(Level.ERROR).isEmpty());

            String logged = reload.messages(Level.ERROR).get(0);
            assertTrue(logged.contains(capture + ":" + (lineOf(capture, MISSPELT) - 1)
                    + ": no bean named 'attendanceRecordr'"), logged);
            assertEquals(ServiceStatus.Started, running.routeStatus("capture"), "the previous capture route runs on");
            assertEquals(ServiceStatus.Started, running.routeStatus("failed-frame"));
            assertEquals(0, attendance.countFor(second), "the capture route was not restarted");

            // fixed and saved again: it reloads, the camera reads its folder again and the second student is recorded
            Files.writeString(capture, good.replace(RouteReloadTest.AFTER,
                    RouteReloadTest.AFTER + RouteReloadTest.NOTIFICATION_STEP));
            await().atMost(Duration.ofSeconds(60)).until(() -> attendance.countFor(second) == 1);
        }
        assertEquals(Map.of(first, 1L, second, 1L), gateway.recordsPerStudent());
    }

    private static int lineOf(Path file, String text) throws Exception {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + file);
    }
}
