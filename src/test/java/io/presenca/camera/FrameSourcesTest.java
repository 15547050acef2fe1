package io.presenca.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FrameSourcesTest {

    @Test
    void badSpecGivesAClearMessage() {
        CameraUnavailableException e = assertThrows(CameraUnavailableException.class, () -> FrameSources.create("front-door-cam"));
        assertEquals("Camera source 'front-door-cam' is neither a camera index, a stream URL, a video file nor a folder"
                + " of images: check CAMERA_SOURCE / CAMERA_INDEX", e.getMessage());
    }

    @Test
    void specsMapToTheRightSource() throws Exception {
        assertEquals("camera index 2", assertInstanceOf(WebcamSource.class, FrameSources.create(" 2 ")).describe());
        FrameSource rtsp = FrameSources.create("rtsp://admin:secret@10.0.0.5:554/stream1");
        assertInstanceOf(VideoSource.class, rtsp);
        assertFalse(rtsp.finite());
        assertFalse(rtsp.describe().contains("secret"), "credentials must not reach the logs: " + rtsp.describe());
        assertFalse(FrameSources.create("HTTPS://cam.local/mjpeg").finite());
        assertInstanceOf(ImageFolderSource.class, FrameSources.create(TestData.BBT.resolve("amy").toString()));
        FrameSource video = FrameSources.create(TestData.TEST_VIDEO.toString());
        assertInstanceOf(VideoSource.class, video);
        assertTrue(video.finite());
        assertEquals("video file faceapi_test_video.mp4", video.describe());
    }

    @Test
    void onlyCamerasAndStreamsAreLive() {
        assertTrue(FrameSources.isLive("0"));
        assertTrue(FrameSources.isLive("udp://0.0.0.0:5000"));
        assertFalse(FrameSources.isLive("/data/in"));
        assertFalse(FrameSources.isLive("-1"));
    }
}
