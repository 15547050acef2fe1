package io.presenca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.presenca.camera.LogCapture;
import io.presenca.store.AttendanceStore;
import io.presenca.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The README's route-editing example, done to a running gateway: a notification step is added to
 * routes/capture.camel.yaml and saved; the route reloads, the next student is notified, and no
 * record is lost or made twice (the reloaded camera reads its folder again; the duplicate window
 * holds).
 */
class RouteReloadTest {

    /** The step the README shows, inserted after attendanceRecorder.record (at its indentation in the file). */
    static final String NOTIFICATION_STEP = indent(30, """
            - filter:
                simple: "${body.isPresent}"
                steps:
                  - log:
                      loggingLevel: INFO
                      logName: presenca.notify
                      message: "Arrived: ${body.get.studentId} at ${body.get.capturedAt}"
            """);
    static final String AFTER = indent(30, """
            - bean:
                ref: attendanceRecorder
                method: record
            """);

    private static String indent(int spaces, String block) {
        return block.indent(spaces);
    }

    /** A routes folder reached through a symbolic link (as a school links its config) still runs every route. */
    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES) // without the capture route the run would never reach its end
    void aRoutesFolderBehindASymbolicLinkIsLoaded() throws Exception {
        GatewayFixture gateway = new GatewayFixture();
        Path link = gateway.home.resolve("routes-link");
        Files.createSymbolicLink(link, Path.of("routes").toAbsolutePath());
        gateway.settings.put("ROUTES_DIR", link.toString());
        String student = GatewayFixture.lfwIdentities(5, 1000).get(0);
        gateway.enrollAndShowNextThree(student);

        assertEquals(0, gateway.runToEnd());

        assertEquals(Map.of(student, 1L), gateway.recordsPerStudent(), "the capture route ran from the linked folder");
    }

    @Test
    void addingANotificationStepWhileRunningReloadsTheRouteAndLosesNoRecord() throws Exception {
        GatewayFixture gateway = new GatewayFixture();
        Path routes = gateway.editableRoutes();
        List<String> students = GatewayFixture.lfwIdentities(5, 1000);
        String first = students.get(0);
        String second = students.get(1);
        gateway.enrollAndShowNextThree(first);
        List<Path> secondWalkingIn = gateway.enrollWithFirstTwo(second);

        try (GatewayFixture.Running running = gateway.start();
             LogCapture notifications = new LogCapture("presenca.notify")) {
            AttendanceStore attendance = new AttendanceStore(Database.open(gateway.sqlite));
            OperationsGatewayTest.waitFor(() -> attendance.countFor(first) == 1, "the first student");
            // the second student walks in after the folder was read: seen once the route restarts
            gateway.showLater(secondWalkingIn);

            Path capture = routes.resolve("capture.camel.yaml");
            String yaml = Files.readString(capture);
            assertTrue(yaml.contains(AFTER), "the README's anchor is in capture.camel.yaml");
            Files.writeString(capture, yaml.replace(AFTER, AFTER + NOTIFICATION_STEP));

            OperationsGatewayTest.waitFor(() -> attendance.countFor(second) == 1, "the second student after the reload");
            OperationsGatewayTest.waitFor(() -> !notifications.messages(Level.INFO).isEmpty(), "the notification");
            assertEquals(List.of("Arrived: " + second), notifications.messages(Level.INFO).stream()
                    .map(m -> m.substring(0, m.indexOf(" at "))).toList(), "the first was not recorded twice, so not notified");
        }
        assertEquals(Map.of(first, 1L, second, 1L), gateway.recordsPerStudent());
    }
}
