package io.presenca.camera;

import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.OpenCVFrameGrabber;
import org.bytedeco.opencv.opencv_videoio.VideoCapture;

/** A local camera (V4L2 on Linux) opened by index through OpenCV's VideoCapture. */
public final class WebcamSource extends GrabberSource {

    private final int index;

    public WebcamSource(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("Camera index must be 0 or more, was " + index);
        }
        this.index = index;
    }

    public int index() {
        return index;
    }

    @Override
    public void open() throws CameraUnavailableException {
        requireDevice();
        super.open();
    }

    /**
     * OpenCVFrameGrabber.start() does not check whether the device opened: it retries read() 100 times with 100 ms
     * sleeps, so a missing camera costs over 10 s per attempt (measured: ~13 s) and holds up shutdown. Asking
     * VideoCapture directly fails in milliseconds.
     */
    private void requireDevice() throws CameraUnavailableException {
        boolean present;
        try (VideoCapture probe = new VideoCapture(index)) {
            present = probe.isOpened();
            probe.release();
        } catch (RuntimeException | LinkageError e) {
            throw new CameraUnavailableException("cannot probe camera index " + index + ": " + e.getMessage(), e);
        }
        if (!present) {
            throw new CameraUnavailableException("no camera found at index " + index + " (device cannot be opened)");
        }
    }

    @Override
    protected FrameGrabber createGrabber() {
        OpenCVFrameGrabber grabber = new OpenCVFrameGrabber(index);
        grabber.setImageMode(FrameGrabber.ImageMode.COLOR);
        return grabber;
    }

    @Override
    protected String originOf(long sequence) {
        return "camera " + index + "#frame " + sequence;
    }

    @Override
    public boolean finite() {
        return false;
    }

    @Override
    public String describe() {
        return "camera index " + index;
    }
}
