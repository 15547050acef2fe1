package io.presenca.camera;

import java.time.Instant;
import java.util.Objects;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * One image taken from a {@link FrameSource}, with where and when it came from.
 * <p>
 * The frame owns its native {@link Mat}: grabbers reuse their buffers, so sources hand over a private copy, and
 * {@link #close()} gives the native memory back at once instead of waiting for the garbage collector (which does
 * not see the size of native allocations and would let a 30 fps camera eat the heap's worth of RAM many times).
 * Whoever keeps the image beyond the frame's life (the camera consumer closes it after the route has processed the
 * exchange) has to {@code clone()} it.
 */
public final class CapturedFrame implements AutoCloseable {

    private final Mat image;
    private final long sequence;
    private final Instant capturedAt;
    private final String origin;
    private volatile boolean closed;

    /**
     * @param image      BGR, CV_8UC3; ownership passes to the frame
     * @param sequence   1-based number of the frame within its source
     * @param capturedAt wall-clock time when the frame was grabbed
     * @param origin     human-readable origin, e.g. {@code amy1.png} or {@code video.mp4#frame 12}
     */
    public CapturedFrame(Mat image, long sequence, Instant capturedAt, String origin) {
        this.image = Objects.requireNonNull(image, "image");
        this.sequence = sequence;
        this.capturedAt = Objects.requireNonNull(capturedAt, "capturedAt");
        this.origin = Objects.requireNonNull(origin, "origin");
    }

    /** The BGR image (CV_8UC3). Fails after {@link #close()} rather than handing out freed native memory. */
    public Mat image() {
        if (closed) {
            throw new IllegalStateException("Frame " + origin + " was already closed; clone image() to keep it");
        }
        return image;
    }

    public long sequence() {
        return sequence;
    }

    public Instant capturedAt() {
        return capturedAt;
    }

    public String origin() {
        return origin;
    }

    public boolean isClosed() {
        return closed;
    }

    /** Releases the native image; safe to call more than once. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            image.close();
        }
    }

    @Override
    public String toString() {
        String size = closed ? "closed" : image.cols() + "x" + image.rows();
        return "CapturedFrame[" + origin + ", #" + sequence + ", " + size + ", " + capturedAt + "]";
    }
}
