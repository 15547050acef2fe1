package io.presenca.camera;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Level;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

/** A camera that is missing at start, then works, is unplugged, and works again: no real hardware needed. */
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
                Thread.sleep(5); // a camera's frame interval, so the test does not spin
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

    @Test
    void outagesAreLoggedOnceEachAndTheCameraIsReopened() throws Exception {
        FlakyCamera.OPENS.set(0);
        CamelContext context = new DefaultCamelContext();
        try (LogCapture log = new LogCapture(CameraConsumer.class)) {
            CameraEndpoint endpoint = context.getEndpoint("camera:door?source=0&reconnectDelay=50", CameraEndpoint.class);
            endpoint.useSourceFactory(spec -> new FlakyCamera());
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(endpoint).routeId("camera").to("mock:frames");
                }
            });
            context.start();
            CameraConsumer consumer = (CameraConsumer) context.getRoute("camera").getConsumer();
            long deadline = System.currentTimeMillis() + 10_000;
            while (consumer.getFramesDelivered() < 5 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }

            assertTrue(consumer.getFramesDelivered() >= 5, "frames after the second reconnect: " + consumer.getFramesDelivered());
            assertTrue(consumer.isConnected());
            assertEquals(2, consumer.getReconnects());
            List<String> warnings = log.messages(Level.WARN);
            assertEquals(2, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains("is not available: no device"), warnings.get(0));
            assertTrue(warnings.get(1).contains("is not available: unplugged"), warnings.get(1));
            assertEquals(2, log.messages(Level.INFO).stream().filter(m -> m.startsWith("Camera 'door' is back")).count());
        } finally {
            context.stop();
        }
    }
}
