package io.presenca.camera;

import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.OpenCVFrameGrabber;

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
