package io.presenca.camera;

import io.presenca.config.UrlCredentials;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;

/**
 * A video file or a network stream (RTSP camera, HTTP MJPEG/HLS, UDP) decoded by FFmpeg.
 * Files end; streams are treated as live cameras that must be reconnected when they stop.
 */
public final class VideoSource extends GrabberSource {

    /** How long FFmpeg may block on a dead network peer before giving up; without it a read can hang forever. */
    static final long NETWORK_TIMEOUT_MICROS = 10_000_000L;

    private static final String[] STREAM_SCHEMES = {"rtsp://", "rtsps://", "http://", "https://", "udp://"};

    private final String fileOrUrl;
    private final boolean stream;

    public VideoSource(String fileOrUrl) {
        this.fileOrUrl = Objects.requireNonNull(fileOrUrl, "fileOrUrl");
        this.stream = isStreamUrl(fileOrUrl);
    }

    /** True for the URL schemes FFmpeg reads as live network streams. */
    public static boolean isStreamUrl(String spec) {
        String lower = spec.toLowerCase(Locale.ROOT);
        for (String scheme : STREAM_SCHEMES) {
            if (lower.startsWith(scheme)) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected FrameGrabber createGrabber() {
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(fileOrUrl);
        // COLOR makes JavaCV convert to BGR24, OpenCV's channel order. JavaCV also hands "pixel_format" to
        // avformat_open_input, so FFmpeg prints a harmless "Info: ... rejected some options" line for files.
        grabber.setImageMode(FrameGrabber.ImageMode.COLOR);
        if (stream) {
            configureNetworkTimeouts(grabber);
        }
        return grabber;
    }

    private void configureNetworkTimeouts(FFmpegFrameGrabber grabber) {
        String micros = Long.toString(NETWORK_TIMEOUT_MICROS);
        // generic for every protocol: bounds each read/write, so a dead stream surfaces as an error and we reconnect
        grabber.setOption("rw_timeout", micros);
        // per-protocol socket timeout (rtsp: TCP I/O; http/udp: socket). FFmpeg >= 5 removed rtsp's old "stimeout".
        grabber.setOption("timeout", micros);
        if (fileOrUrl.regionMatches(true, 0, "rtsp", 0, 4)) {
            // UDP RTP loses packets on busy school Wi-Fi/LANs (smeared frames); TCP interleaving is reliable
            grabber.setOption("rtsp_transport", "tcp");
        }
    }

    @Override
    protected String originOf(long sequence) {
        return displayName() + "#frame " + sequence;
    }

    @Override
    public boolean finite() {
        return !stream;
    }

    @Override
    public String describe() {
        return (stream ? "stream " : "video file ") + displayName();
    }

    /** File name for files; URL with its password masked for streams, so credentials never reach the logs. */
    private String displayName() {
        if (!stream) {
            Path name = Path.of(fileOrUrl).getFileName();
            return name == null ? fileOrUrl : name.toString();
        }
        return UrlCredentials.mask(fileOrUrl);
    }
}
