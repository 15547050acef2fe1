package io.presenca.camera;

import java.util.Optional;

/**
 * Where frames come from: a webcam, a network stream, a video file or a folder of images.
 * <p>
 * Not thread-safe: one thread opens, reads and closes a source (the native grabbers must not be used concurrently).
 */
public interface FrameSource extends AutoCloseable {

    /** Connects to the camera / opens the file. */
    void open() throws CameraUnavailableException;

    /**
     * The next frame, which the caller must close.
     *
     * @return empty when a finite source (file, folder) has no more frames; for a live source, empty means the
     *         stream ended unexpectedly
     * @throws CameraUnavailableException when the device or stream failed while reading
     */
    Optional<CapturedFrame> next() throws CameraUnavailableException;

    /** True for video files and image folders, which end; false for cameras and streams, which should never end. */
    boolean finite();

    /** Short description for log lines, e.g. {@code camera index 0} or {@code image folder /data/in}. */
    String describe();

    /** Releases the device or file; never throws, so it can be used on every error path. */
    @Override
    void close();
}
