package io.presenca.vision;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.opencv.opencv_core.Mat;

/** Reads a photo file into a BGR image, with an error that names the file and the problem. */
public final class PhotoDecoder {

    /** Bigger files are not photos of one face; refusing them early keeps a crafted file from exhausting memory. */
    private static final long MAX_BYTES = 40L * 1024 * 1024;
    private static final long MAX_PIXELS = 50_000_000L;

    public Mat decode(Path file) throws UnreadablePhotoException {
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size == 0) {
                throw new UnreadablePhotoException(file + ": the file is empty");
            }
            if (size > MAX_BYTES) {
                throw new UnreadablePhotoException(file + ": " + size + " bytes is too large for a photo (max " + MAX_BYTES + ")");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UnreadablePhotoException(file + ": cannot be read (" + e.getMessage() + ")");
        }
        Mat image;
        try (Mat buffer = new Mat(bytes)) {
            image = imdecode(buffer, IMREAD_COLOR);
        } catch (RuntimeException e) {
            throw new UnreadablePhotoException(file + ": not a readable image (" + e.getMessage() + ")");
        }
        if (image == null || image.empty()) {
            throw new UnreadablePhotoException(file + ": not a readable image (corrupt, truncated or not JPEG/PNG)");
        }
        if ((long) image.cols() * image.rows() > MAX_PIXELS) {
            int w = image.cols(), h = image.rows();
            image.close();
            throw new UnreadablePhotoException(file + ": " + w + "x" + h + " pixels is too large for a photo");
        }
        return image;
    }

    /** A photo that cannot be decoded; the message names the file. */
    public static final class UnreadablePhotoException extends Exception {
        public UnreadablePhotoException(String message) {
            super(message);
        }
    }
}
