package io.presenca.camera;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Reads an image file (camera folder frames, enrollment photos) into an owned 8-bit BGR Mat, or says
 * plainly why it cannot. Bytes are read through Java, not imread, for clear I/O errors and any file-name
 * encoding; oversized files are refused before decoding so a crafted file cannot exhaust memory.
 */
public final class ImageFiles {

    private static final long MAX_BYTES = 40L * 1024 * 1024;
    private static final long MAX_PIXELS = 50_000_000L;

    private ImageFiles() {
    }

    public static Mat decode(Path file) throws UnreadableImageException {
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size == 0) {
                throw new UnreadableImageException(file + ": the file is empty");
            }
            if (size > MAX_BYTES) {
                throw new UnreadableImageException(file + ": " + size + " bytes is too large for a photo (max " + MAX_BYTES + ")");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UnreadableImageException(file + ": cannot be read (" + e.getMessage() + ")");
        }
        long[] declared = ImageHeader.declaredSize(bytes);
        if (declared != null && declared[0] * declared[1] > MAX_PIXELS) {
            throw new UnreadableImageException(file + ": declares " + declared[0] + "x" + declared[1]
                    + " pixels, too large for a photo (not decoded)");
        }
        Mat image;
        try (BytePointer data = new BytePointer(bytes); Mat buffer = new Mat(1, bytes.length, CV_8UC1, data)) {
            image = imdecode(buffer, IMREAD_COLOR); // grey and 16-bit images come out as 8-bit BGR
        } catch (RuntimeException e) {
            throw new UnreadableImageException(file + ": not a readable image (" + e.getMessage() + ")");
        }
        if (image == null || image.empty()) {
            throw new UnreadableImageException(file + ": not a readable image (corrupt, truncated or not JPEG/PNG)");
        }
        if ((long) image.cols() * image.rows() > MAX_PIXELS) {
            int width = image.cols(), height = image.rows();
            image.close();
            throw new UnreadableImageException(file + ": " + width + "x" + height + " pixels is too large for a photo");
        }
        return image;
    }

    /** An image file that cannot be decoded; the message names the file and the problem. */
    public static final class UnreadableImageException extends Exception {
        public UnreadableImageException(String message) {
            super(message);
        }
    }
}
