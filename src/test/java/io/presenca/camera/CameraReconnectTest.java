package io.presenca.camera;

import static org.awaitility.Awaitility.await;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Level;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.Endpoint;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.camel.test.main.junit5.ReplaceInRegistry;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A camera that is missing at start, then works, is unplugged, and works again: no real hardware needed.
 * The route is a YAML route as a school writes it, run by Camel Main.
 */
@CamelMainTest(properties = "camel.main.routes-include-pattern=classpath:camera/flaky-door.camel.yaml")
class CameraReconnectTest {

    /** Attempt 1: no device. Attempt 2: two frames, then unplugged. Attempt 3 on: frames until stopped. */
    static final class FlakyCamera implements FrameSource {
        static final AtomicInteger OPENS = new AtomicInteger();
        private int attempt;
        private long sequence;

        @Override
        public void open() throws CameraUnavailableException {
            attempt = OPENS.incrementAndGet();
            sequence = 0;
            if (attempt == 1) {
                throw new CameraUnavailableException("no device");
            }
        }

        @Override
        public Optional<CapturedFrame> next() throws CameraUnavailableException {
            if (attempt == 2 && sequence == 2) {
                throw new CameraUnavailableException("unplugged");
            }
            try {
                Thread.sleep(5); // the fake camera's frame interval (the thing simulated), so it does not spin
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sequence++;
            return Optional.of(new CapturedFrame(new Mat(2, 2, CV_8UC3), sequence, Instant.now(), "flaky#" + sequence));
        }

        @Override
        public boolean finite() {
            return false;
        }

        @Override
        public String describe() {
            return "flaky camera";
        }

        @Override
        public void close() {
        }
    }

    /** The camera component, its endpoints reading the flaky camera instead of a device. */
    @ReplaceInRegistry
    Component camera = new CameraComponent() {
        @Override
        protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
            CameraEndpoint endpoint = (CameraEndpoint) super.createEndpoint(uri, remaining, parameters);
            endpoint.useSourceFactory(spec -> new FlakyCamera());
            return endpoint;
        }
    };

    @BeanInject
    CamelContext context;

    /** Attached before Camel starts the route, so the first outage (at start) is seen. */
    private static LogCapture log;

    @BeforeAll
    static void captureTheCameraLog() {
        FlakyCamera.OPENS.set(0);
        log = new LogCapture(CameraConsumer.class);
    }

    @AfterAll
    static void releaseTheCameraLog() {
        log.close();
    }

    @Test
    void outagesAreLoggedOnceEachAndTheCameraIsReopened() {
        CameraConsumer consumer = (CameraConsumer) context.getRoute("camera").getConsumer();
        await("frames after the second reconnect").atMost(Duration.ofSeconds(10))
                .until(() -> consumer.getFramesDelivered() >= 5);

        assertTrue(consumer.isConnected());
        assertEquals(2, consumer.getReconnects());
        List<String> warnings = log.messages(Level.WARN);
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("is not available: no device"), warnings.get(0));
        assertTrue(warnings.get(1).contains("is not available: unplugged"), warnings.get(1));
        assertEquals(2, log.messages(Level.INFO).stream().filter(m -> m.startsWith("Camera 'door' is back")).count());
    }
}
