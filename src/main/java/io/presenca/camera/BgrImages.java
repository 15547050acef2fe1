package io.presenca.camera;

import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGRA2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_GRAY2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import org.bytedeco.opencv.opencv_core.Mat;

/** Brings any decoded image into the one layout the rest of presenca expects: 8-bit, 3-channel BGR. */
final class BgrImages {

    private BgrImages() {
    }

    /**
     * Returns a new BGR CV_8UC3 Mat owned by the caller; {@code image} is left untouched (it may be a view on a
     * grabber buffer, so this doubles as the copy out of that buffer).
     */
    static Mat ownedBgrCopy(Mat image) {
        if (image.depth() != CV_8U) {
            throw new IllegalArgumentException("Unsupported image depth " + image.depth() + ": expected 8 bits per channel");
        }
        Mat bgr = new Mat();
        switch (image.channels()) {
            case 3 -> image.copyTo(bgr);
            case 1 -> cvtColor(image, bgr, COLOR_GRAY2BGR);
            case 4 -> cvtColor(image, bgr, COLOR_BGRA2BGR);
            default -> {
                bgr.close();
                throw new IllegalArgumentException("Unsupported image with " + image.channels() + " channels");
            }
        }
        return bgr;
    }
}
