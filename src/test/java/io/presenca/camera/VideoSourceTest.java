package io.presenca.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class VideoSourceTest {

    @Test
    void readsEveryFrameOfAClip() throws Exception {
        long frames = 0;
        try (FrameSource source = new VideoSource(TestData.require(TestData.HAMILTON_CLIP).toString())) {
            source.open();
            Optional<CapturedFrame> next;
            while ((next = source.next()).isPresent()) {
                try (CapturedFrame frame = next.get()) {
                    frames++;
                    assertEquals(frames, frame.sequence());
                    if (frames == 1) {
                        assertEquals(640, frame.image().cols());
                        assertEquals(360, frame.image().rows());
                        assertEquals("short_hamilton_clip.mp4#frame 1", frame.origin());
                    }
                }
            }
        }
        assertEquals(275, frames);
    }

    @Test
    void aFileThatIsNotAVideoIsUnavailable() {
        VideoSource source = new VideoSource(TestData.require(TestData.BBT.resolve("amy/amy1.png")).getParent().resolve("nope.mp4").toString());
        CameraUnavailableException e = assertThrows(CameraUnavailableException.class, source::open);
        assertTrue(e.getMessage().contains("nope.mp4"), e.getMessage());
    }

    @Test
    void anUnreachableRtspCameraIsUnavailableQuickly() {
        // nothing listens on the discard port: TCP is refused, so this checks the options are accepted, not timeouts
        VideoSource source = new VideoSource("rtsp://user:pw@127.0.0.1:9/stream");
        long started = System.nanoTime();
        CameraUnavailableException e = assertThrows(CameraUnavailableException.class, source::open);
        source.close();
        assertTrue(System.nanoTime() - started < 5_000_000_000L);
        assertEquals("stream rtsp://user:***@127.0.0.1:9/stream", source.describe());
        // FFmpeg's own error text names the URL it could not open: logged on every reconnect, so masked
        assertTrue(e.getMessage().contains("rtsp://user:***@127.0.0.1:9/stream"), e.getMessage());
        assertEquals(null, e.getCause(), "the grabber's unmasked exception is not kept");
    }

    @Test
    void noWebcamOnThisMachineIsUnavailable() {
        WebcamSource source = new WebcamSource(0);
        CameraUnavailableException e = assertThrows(CameraUnavailableException.class, source::open);
        source.close();
        assertEquals("no camera found at index 0 (device cannot be opened)", e.getMessage());
    }
}
