package io.presenca.camera;

import io.presenca.config.UrlCredentials;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** Turns the one configuration string (CAMERA_SOURCE / CAMERA_INDEX) into the matching {@link FrameSource}. */
public final class FrameSources {

    private FrameSources() {
    }

    /**
     * Creates, but does not open, the source for {@code spec}: an integer is a camera index, a stream URL
     * (rtsp, rtsps, http, https, udp) or an existing file is a video, an existing directory is an image folder.
     *
     * @throws CameraUnavailableException when the spec is none of these (typically a path that does not exist yet)
     */
    public static FrameSource create(String spec) throws CameraUnavailableException {
        String trimmed = spec == null ? "" : spec.strip();
        if (isCameraIndex(trimmed)) {
            return new WebcamSource(Integer.parseInt(trimmed));
        }
        if (VideoSource.isStreamUrl(trimmed)) {
            return new VideoSource(trimmed);
        }
        Path path = pathOrNull(trimmed);
        if (path != null && Files.isDirectory(path)) {
            return new ImageFolderSource(path);
        }
        if (path != null && Files.isRegularFile(path)) {
            return new VideoSource(trimmed);
        }
        throw new CameraUnavailableException("Camera source '" + UrlCredentials.mask(spec) + "' is neither a camera index, a stream URL,"
                + " a video file nor a folder of images: check CAMERA_SOURCE / CAMERA_INDEX");
    }

    /** Creates and opens the source for {@code spec}; see {@link #create(String)}. */
    public static FrameSource open(String spec) throws CameraUnavailableException {
        FrameSource source = create(spec);
        try {
            source.open();
            return source;
        } catch (CameraUnavailableException | RuntimeException e) {
            source.close();
            throw e;
        }
    }

    /**
     * True if the spec names a camera or stream, which may come back later; false for files and folders (and for
     * specs that resolve to nothing), which are batch inputs.
     */
    public static boolean isLive(String spec) {
        String trimmed = spec == null ? "" : spec.strip();
        return isCameraIndex(trimmed) || VideoSource.isStreamUrl(trimmed);
    }

    private static boolean isCameraIndex(String spec) {
        return !spec.isEmpty() && spec.length() < 10 && spec.chars().allMatch(Character::isDigit);
    }

    private static Path pathOrNull(String spec) {
        if (spec.isEmpty()) {
            return null;
        }
        try {
            return Path.of(spec);
        } catch (InvalidPathException e) {
            return null;
        }
    }
}
