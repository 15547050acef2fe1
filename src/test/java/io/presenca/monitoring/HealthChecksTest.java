package io.presenca.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presenca.config.Settings;
import io.presenca.store.Database;
import io.presenca.sync.CentralSync;
import io.presenca.sync.RetryableSyncException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** Each check says DOWN with a reason a person can act on when its part cannot be reached. */
class HealthChecksTest {

    private final Database db = Database.open(Path.of("target", "health-test", UUID.randomUUID() + ".db"));

    @Test
    void unreachableApiAndPostgresAreDownWithWhereAndWhatToCheck() throws Exception {
        int closedApi = closedPort();
        int closedPg = closedPort();
        Settings settings = Settings.load(name -> Optional.ofNullable(Map.of(
                "EXTERNAL_API_URL", "http://127.0.0.1:" + closedApi,
                "POSTGRES_HOST", "127.0.0.1",
                "POSTGRES_PORT", Integer.toString(closedPg),
                "POSTGRES_PASSWORD", "x",
                "EXTERNAL_API_TIMEOUT_SECONDS", "1",
                "DEVICE_ID", "door").get(name)));
        CentralSync sync = new CentralSync(settings, db, "test");

        HealthCheck.Result api = call(new ExternalApiHealthCheck(sync));
        assertEquals(HealthCheck.State.DOWN, api.getState());
        assertTrue(api.getMessage().orElseThrow().contains("cannot reach the external API at 127.0.0.1:" + closedApi),
                api.getMessage().toString());

        HealthCheck.Result pg = call(new CentralDatabaseHealthCheck(sync.centralDatabase()));
        assertEquals(HealthCheck.State.DOWN, pg.getState());
        assertTrue(pg.getMessage().orElseThrow().contains("records stay pending in SQLite"), pg.getMessage().toString());
        assertTrue(pg.getMessage().orElseThrow().contains(Integer.toString(closedPg)), pg.getMessage().toString());
        assertFalse(new CentralDatabaseHealthCheck(sync.centralDatabase()).isLiveness(), "an offline school server is no reason to restart");

        // after repeated failed calls the breaker opens: the check says so, and since when, before trying the network
        for (int i = 0; i < 5; i++) {
            sync.externalApiCircuit().onError(1, TimeUnit.MILLISECONDS, new RetryableSyncException(
                    RetryableSyncException.Kind.SERVER_ERROR, "HTTP 503", null));
        }
        HealthCheck.Result open = call(new ExternalApiHealthCheck(sync));
        assertEquals(HealthCheck.State.DOWN, open.getState());
        assertTrue(open.getMessage().orElseThrow().startsWith("circuit open for 0 s after 5 failures"),
                open.getMessage().toString());
    }

    @Test
    void cameraIsDownWhileTheCaptureRouteIsNotRunning() {
        PipelineStats stats = new PipelineStats(null, null, null, null, null, null, null);
        HealthCheck.Result camera = call(new CameraHealthCheck(stats, "/dev/video0"));
        assertEquals(HealthCheck.State.DOWN, camera.getState());
        assertTrue(camera.getMessage().orElseThrow().contains("capture route is not running"), camera.getMessage().toString());
    }

    private static HealthCheck.Result call(GatewayHealthCheck check) {
        check.setCamelContext(new DefaultCamelContext());
        return check.call();
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
