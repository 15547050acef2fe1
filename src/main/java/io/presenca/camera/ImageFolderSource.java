package io.presenca.camera;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.bytedeco.opencv.opencv_core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every image in a folder, in file-name order: replaying a day of snapshots or testing without a camera.
 * A file that cannot be decoded is logged and skipped: one bad upload must not stop a batch.
 */
public final class ImageFolderSource implements FrameSource {

    private static final Logger LOG = LoggerFactory.getLogger(ImageFolderSource.class);
    private static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp", "pgm");

    private final Path dir;
    private List<Path> files = List.of();
    private int nextFile;
    private long sequence;

    public ImageFolderSource(Path dir) {
        this.dir = dir;
    }

    /** True if the file name ends in one of the image extensions this source reads (case-insensitive). */
    public static boolean isImageFile(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT)) && Files.isRegularFile(file);
    }

    @Override
    public void open() throws CameraUnavailableException {
        if (!Files.isDirectory(dir)) {
            throw new CameraUnavailableException("Image folder " + dir + " does not exist or is not a directory");
        }
        try (Stream<Path> listing = Files.list(dir)) {
            // the listing is taken once: files arriving later belong to the next run
            files = listing.filter(ImageFolderSource::isImageFile)
                    .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new CameraUnavailableException("Cannot list image folder " + dir + ": " + e.getMessage(), e);
        }
        nextFile = 0;
        sequence = 0;
        LOG.debug("Image folder {} holds {} images", dir, files.size());
    }

    @Override
    public Optional<CapturedFrame> next() {
        while (nextFile < files.size()) {
            Path file = files.get(nextFile++);
            Mat image = decode(file);
            if (image != null) {
                sequence++;
                return Optional.of(new CapturedFrame(image, sequence, Instant.now(), file.getFileName().toString()));
            }
        }
        return Optional.empty();
    }

    /** The image as BGR, or null (after a WARN naming the file) when it cannot be read. */
    private static Mat decode(Path file) {
        try {
            return ImageFiles.decode(file);
        } catch (ImageFiles.UnreadableImageException e) {
            LOG.warn("Image {}, skipped", e.getMessage());
            return null;
        }
    }

    @Override
    public boolean finite() {
        return true;
    }

    @Override
    public String describe() {
        return "image folder " + dir;
    }

    @Override
    public void close() {
        files = List.of();
    }

    @Override
    public String toString() {
        return describe();
    }
}
