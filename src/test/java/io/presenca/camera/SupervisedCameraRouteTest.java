package io.presenca.camera;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import io.presenca.routes.FailedRouteStarts;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.EndpointInject;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.ServiceStatus;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.camel.test.main.junit5.ReplaceInRegistry;
import org.junit.jupiter.api.Test;

/**
 * The supervised route controller of application.properties: a camera route whose consumer fails to start
 * is started again with back-off instead of staying stopped, and while it retries the failure is not hidden:
 * each attempt is logged with its reason and the route's health is DOWN. Back-off shortened for the test.
 */
@CamelMainTest(propertyPlaceholderLocations = "file:application.properties",
        properties = {"camel.main.routes-include-pattern=classpath:supervised/door.camel.yaml",
                "camel.health.enabled=true", "camel.routecontroller.back-off-delay=200",
                "camel.routecontroller.back-off-multiplier=1"})
class SupervisedCameraRouteTest {

    private static final AtomicBoolean PLUGGED_IN = new AtomicBoolean();
    private static final AtomicInteger STARTS = new AtomicInteger();

    /** The camera component, replaced by one whose consumer fails to start until the camera is plugged in. */
    @ReplaceInRegistry
    Component camera = new UnpluggedCamera();

    @BeanInject
    CamelContext context;

    @EndpointInject("mock:frames")
    MockEndpoint frames;

    @Test
    void aCameraRouteThatFailsToStartIsRetriedWithItsFailureShownUntilItRuns() throws Exception {
        // as the gateway does once Camel is configured (RouteSafety); the attempts go on after start
        FailedRouteStarts failedRouteStarts = new FailedRouteStarts();
        failedRouteStarts.start();
        context.getManagementStrategy().addEventNotifier(failedRouteStarts);
        try (LogCapture warnings = new LogCapture(FailedRouteStarts.class)) {
            int before = STARTS.get();
            await().atMost(Duration.ofSeconds(30)).until(() -> STARTS.get() >= before + 2);

            assertNotEquals(ServiceStatus.Started, context.getRouteController().getRouteStatus("door"));
            assertEquals(HealthCheck.State.DOWN, health(), "DOWN while the route retries");
            assertTrue(warnings.messages(Level.WARN).stream().anyMatch(line -> line.startsWith(
                    "Route door could not start (attempt ") && line.contains("): camera not plugged in. It is tried again")),
                    "each attempt logged with its reason: " + warnings.messages(Level.WARN));

            frames.expectedMinimumMessageCount(1);
            PLUGGED_IN.set(true);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> context.getRouteController().getRouteStatus("door") == ServiceStatus.Started);
            frames.assertIsSatisfied();
            await().atMost(Duration.ofSeconds(30)).until(() -> health() == HealthCheck.State.UP);
        }
    }

    /** The gateway's health as /observe/health gives it: DOWN when any check is. */
    private HealthCheck.State health() {
        return HealthCheckHelper.invoke(context).stream().anyMatch(result -> result.getState() == HealthCheck.State.DOWN)
                ? HealthCheck.State.DOWN : HealthCheck.State.UP;
    }

    /** The camera before it is plugged in: its consumer fails to start; once plugged in it sends one frame. */
    static final class UnpluggedCamera extends DefaultComponent {
        @Override
        protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
            return new DefaultEndpoint(uri, this) {
                @Override
                public Producer createProducer() {
                    throw new UnsupportedOperationException("a camera only sends frames");
                }

                @Override
                public Consumer createConsumer(Processor processor) {
                    return new DefaultConsumer(this, processor) {
                        @Override
                        protected void doStart() throws Exception {
                            STARTS.incrementAndGet();
                            if (!PLUGGED_IN.get()) {
                                throw new IllegalStateException("camera not plugged in");
                            }
                            super.doStart();
                            getProcessor().process(createExchange(true));
                        }
                    };
                }
            };
        }
    }
}
