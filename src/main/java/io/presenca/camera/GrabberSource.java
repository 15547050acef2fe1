package io.presenca.camera;

import java.time.Instant;
import io.presenca.config.UrlCredentials;
import java.util.Optional;

import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What webcams and videos have in common: a JavaCV {@link FrameGrabber} whose frames are converted to Mats and
 * copied out of the grabber's reused buffer.
 */
abstract class GrabberSource implements FrameSource {

    private static final Logger LOG = LoggerFactory.getLogger(GrabberSource.class);

    // one converter per source: converters cache the last frame and are not thread-safe
    private final OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();
    private FrameGrabber grabber;
    private long sequence;

    /** A configured, not yet started grabber. */
    protected abstract FrameGrabber createGrabber() throws FrameGrabber.Exception;

    /** Origin of one frame, e.g. {@code video.mp4#frame 12}. */
    protected abstract String originOf(long sequence);

    @Override
    public void open() throws CameraUnavailableException {
        close();
        sequence = 0;
        FrameGrabber candidate = null;
        try {
            candidate = createGrabber();
            candidate.start();
            grabber = candidate;
        } catch (Exception | LinkageError e) {
            // LinkageError: missing natives (e.g. libpulse for avdevice) must read as "camera unavailable", not kill the thread
            closeQuietly(candidate);
            throw new CameraUnavailableException(reason(e));
        }
    }

    @Override
    public Optional<CapturedFrame> next() throws CameraUnavailableException {
        if (grabber == null) {
            throw new CameraUnavailableException(describe() + " is not open");
        }
        try {
            while (true) {
                Frame frame = grabber.grab();
                if (frame == null) {
                    return Optional.empty();
                }
                if (frame.image == null) {
                    continue; // audio or data packet of a video: nothing to look at
                }
                Instant capturedAt = Instant.now();
                Mat view = converter.convert(frame); // wraps the grabber's buffer, overwritten by the next grab
                sequence++;
                return Optional.of(new CapturedFrame(BgrImages.ownedBgrCopy(view), sequence, capturedAt, originOf(sequence)));
            }
        } catch (Exception e) {
            throw new CameraUnavailableException(reason(e));
        }
    }

    @Override
    public void close() {
        FrameGrabber current = grabber;
        grabber = null;
        closeQuietly(current);
    }

    @Override
    public String toString() {
        return describe();
    }

    private void closeQuietly(FrameGrabber g) {
        if (g == null) {
            return;
        }
        try {
            g.close(); // stop() + release(): frees the device so a reopen (or another process) can get it
        } catch (Exception | LinkageError e) {
            LOG.debug("Closing {} failed: {}", describe(), UrlCredentials.mask(e.toString()));
        }
    }

    /**
     * FFmpeg's error text names the URL it could not open, password included: the reason is masked, and the
     * grabber's exception is not kept as the cause, so no stack trace logged later can carry the password.
     */
    private static String reason(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName()
                : UrlCredentials.mask(message.strip());
    }
}
