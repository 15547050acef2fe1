package io.presenca.camera;

import java.util.concurrent.atomic.AtomicInteger;

/** A bean the YAML route in {@link CameraMainExitTest} calls per frame; static because camel-main creates it. */
public class FrameCounter {

    static final AtomicInteger FRAMES = new AtomicInteger();

    public void count(CapturedFrame frame) {
        if (frame.image().cols() > 0) {
            FRAMES.incrementAndGet();
        }
    }
}
