package io.presenca.vision;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;

/** Face images as JPEG bytes: small enough to store with a review item, enough for a person to judge. */
public final class FaceCrops {

    private static final int QUALITY = 85;

    private FaceCrops() {
    }

    public static byte[] jpeg(Mat image) {
        try (BytePointer buffer = new BytePointer(); IntPointer params = new IntPointer(IMWRITE_JPEG_QUALITY, QUALITY)) {
            if (!imencode(".jpg", image, buffer, params)) {
                throw new IllegalStateException("OpenCV could not encode a " + image.cols() + "x" + image.rows() + " face as JPEG");
            }
            byte[] bytes = new byte[(int) buffer.limit()];
            buffer.get(bytes);
            return bytes;
        }
    }
}
