package io.presenca.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import ch.qos.logback.classic.Level;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CameraComponentTest {

    private final CamelContext context = new DefaultCamelContext();

    @TempDir
    Path folder;

    @AfterEach
    void stopContext() {
        context.stop();
    }

    @Test
    void videoFileFramesArriveInOrderThroughARoute() throws Exception {
        List<String> shapes = new CopyOnWriteArrayList<>();
        start("camera:test?source=" + TestData.require(TestData.TEST_VIDEO));
        MockEndpoint frames = context.getEndpoint("mock:frames", MockEndpoint.class);
        // the consumer releases each Mat after the route returns, so look at it while the route runs
        frames.whenAnyExchangeReceived(e -> {
            CapturedFrame frame = e.getMessage().getBody(CapturedFrame.class);
            shapes.add(frame.image().cols() + "x" + frame.image().rows() + "x" + frame.image().channels());
        });
        frames.expectedMessageCount(5);
        frames.expectedHeaderValuesReceivedInAnyOrder(CameraHeaders.FRAME_SEQUENCE, 1L, 2L, 3L, 4L, 5L);
        frames.expectedHeaderReceived(CameraHeaders.CAMERA_NAME, "test");
        frames.assertIsSatisfied(20_000);

        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), frames.getReceivedExchanges().stream()
                .map(e -> e.getMessage().getHeader(CameraHeaders.FRAME_SEQUENCE, Long.class)).toList());
        assertEquals("faceapi_test_video.mp4#frame 5",
                frames.getReceivedExchanges().get(4).getMessage().getHeader(CameraHeaders.FRAME_ORIGIN));
        assertEquals(List.of("820x460x3", "820x460x3", "820x460x3", "820x460x3", "820x460x3"), shapes);
        assertTrue(frames.getReceivedExchanges().get(0).getMessage().getBody(CapturedFrame.class).isClosed(),
                "native memory is released once the route is done with the frame");
        assertTrue(context.isStarted(), "without exitAtEnd the application keeps running after the file ends");
    }

    @Test
    void aFrameThatFailsDoesNotStopTheFollowingFrames() throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("camera:test?source=" + TestData.TEST_VIDEO).routeId("camera")
                        .process(e -> {
                            if (e.getMessage().getHeader(CameraHeaders.FRAME_SEQUENCE, Long.class) == 2L) {
                                throw new IllegalStateException("simulated failure on frame 2");
                            }
                        })
                        .to("mock:frames");
            }
        });
        context.start();
        MockEndpoint frames = context.getEndpoint("mock:frames", MockEndpoint.class);
        frames.expectedHeaderValuesReceivedInAnyOrder(CameraHeaders.FRAME_SEQUENCE, 1L, 3L, 4L, 5L);
        frames.assertIsSatisfied(20_000);

        CameraConsumer consumer = consumer();
        waitFor(() -> consumer.getFramesDelivered() == 5, 5_000);
        assertEquals(1, consumer.getFramesFailed());
    }

    @Test
    void noCameraKeepsTheContextRunningAndWarnsOnce() throws Exception {
        try (LogCapture log = new LogCapture(CameraConsumer.class)) {
            start("camera:door?source=0&reconnectDelay=200");
            CameraConsumer consumer = consumer();
            waitFor(() -> consumer.getReconnects() >= 3, 10_000);

            assertTrue(context.isStarted());
            assertFalse(consumer.isConnected());
            List<String> warnings = log.messages(Level.WARN);
            assertEquals(1, warnings.size(), "one WARN per outage, not per retry: " + warnings);
            assertTrue(warnings.get(0).startsWith("Camera 'door' (camera index 0) is not available: "), warnings.get(0));
            assertTrue(warnings.get(0).endsWith("Check the cable or CAMERA_INDEX/CAMERA_SOURCE; retrying every 0.2 s"),
                    warnings.get(0));

            long started = System.nanoTime();
            context.stop();
            long stopMillis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(stopMillis < 3_000, "stopping took " + stopMillis + " ms");
        }
    }

    @Test
    void exitAtEndStopsTheContextAfterTheLastImage() throws Exception {
        for (String person : List.of("amy", "raj", "howard")) {
            Files.copy(TestData.require(TestData.BBT.resolve(person + "/" + person + "1.png")), folder.resolve(person + ".png"));
        }
        // looked up before the run: a stopped context forgets its endpoints
        MockEndpoint frames = context.getEndpoint("mock:frames", MockEndpoint.class);
        start("camera:batch?exitAtEnd=true&source=" + folder);
        waitFor(context::isStopped, 20_000);
        assertEquals(3, frames.getReceivedCounter());
    }

    @Test
    void exitAtEndStopsTheContextWhenTheFolderDoesNotExist() throws Exception {
        start("camera:batch?exitAtEnd=true&reconnectDelay=200&source=" + folder.resolve("missing"));
        waitFor(context::isStopped, 10_000);
    }

    @Test
    void missingFolderWithoutExitAtEndIsRetriedLikeACamera() throws Exception {
        Path later = folder.resolve("later");
        start("camera:batch?reconnectDelay=200&source=" + later);
        CameraConsumer consumer = consumer();
        waitFor(() -> consumer.getReconnects() >= 1, 5_000);
        Files.createDirectory(later);
        Files.copy(TestData.require(TestData.BBT.resolve("amy/amy1.png")), later.resolve("amy.png"));
        context.getEndpoint("mock:frames", MockEndpoint.class).expectedMessageCount(1);
        context.getEndpoint("mock:frames", MockEndpoint.class).assertIsSatisfied(10_000);
        assertTrue(context.isStarted());
    }

    @Test
    void endpointOptionsAreBoundFromTheUri() {
        context.start();
        CameraEndpoint endpoint = context.getEndpoint(
                "camera:door?source=rtsp://cam.local/1&exitAtEnd=true&reconnectDelay=250&maxFps=2.5", CameraEndpoint.class);
        assertEquals("door", endpoint.getName());
        assertEquals("rtsp://cam.local/1", endpoint.getSource());
        assertTrue(endpoint.isExitAtEnd());
        assertEquals(250, endpoint.getReconnectDelay());
        assertEquals(2.5, endpoint.getMaxFps());
    }

    @Test
    void missingSourceOrProducerUseFailClearly() {
        context.start();
        Exception noSource = assertThrows(Exception.class, () -> context.getEndpoint("camera:door"));
        assertTrue(rootMessage(noSource).contains("needs the 'source' option"), rootMessage(noSource));
        CameraEndpoint endpoint = context.getEndpoint("camera:door?source=0", CameraEndpoint.class);
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, endpoint::createProducer);
        assertTrue(e.getMessage().contains("from()"), e.getMessage());
    }

    private void start(String cameraUri) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(cameraUri).routeId("camera").to("mock:frames");
            }
        });
        context.start();
    }

    private CameraConsumer consumer() {
        return assertInstanceOf(CameraConsumer.class, context.getRoute("camera").getConsumer());
    }

    private static void waitFor(BooleanSupplier condition, long timeoutMillis) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMillis(timeoutMillis)).until(condition::getAsBoolean);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

}
