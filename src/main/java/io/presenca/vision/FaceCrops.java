package io.presenca.vision;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Face images as JPEG bytes: the aligned chip kept with a review item, and the crops a remote
 * matcher is sent. SearchFacesByImage only looks at the largest face of an image, so every face of a
 * frame is sent on its own, cut with a margin around its box (Rekognition finds a face more reliably
 * with some hair and chin around it), and brought to a size it accepts.
 */
public final class FaceCrops {

    private static final int QUALITY = 85;
    /** Added on each side, as a share of the face box's size. */
    static final double MARGIN = 0.4;
    /** Rekognition wants images of at least 80 px a side; small faces are enlarged a bit beyond that. */
    static final int MIN_SIDE = 160;
    /** A face needs no more pixels than this to be matched; fewer bytes leave the school. */
    static final int MAX_SIDE = 480;
    /** Enrollment photos are sent whole, shrunk to this long side. */
    static final int MAX_PHOTO_SIDE = 1920;

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

    /** The face with its margin, clipped to the frame, as a JPEG of 160 to 480 px on the shorter/longer side. */
    public static byte[] cut(Mat frame, DetectedFace face) {
        double margin = MARGIN * Math.max(face.width(), face.height());
        int x0 = clamp((int) Math.floor(face.x() - margin), frame.cols() - 1);
        int y0 = clamp((int) Math.floor(face.y() - margin), frame.rows() - 1);
        int x1 = clamp((int) Math.ceil(face.x() + face.width() + margin), frame.cols());
        int y1 = clamp((int) Math.ceil(face.y() + face.height() + margin), frame.rows());
        try (Rect box = new Rect(x0, y0, Math.max(1, x1 - x0), Math.max(1, y1 - y0));
             Mat crop = new Mat(frame, box)) {
            double shorter = Math.min(box.width(), box.height());
            double longer = Math.max(box.width(), box.height());
            double scale = shorter < MIN_SIDE ? MIN_SIDE / shorter : longer > MAX_SIDE ? MAX_SIDE / longer : 1;
            return scale == 1 ? jpeg(crop) : scaledJpeg(crop, scale);
        }
    }

    /** A whole photo as JPEG, shrunk to at most 1920 px on its long side. */
    public static byte[] wholePhoto(Mat photo) {
        double longer = Math.max(photo.cols(), photo.rows());
        return longer > MAX_PHOTO_SIDE ? scaledJpeg(photo, MAX_PHOTO_SIDE / longer) : jpeg(photo);
    }

    private static byte[] scaledJpeg(Mat image, double scale) {
        try (Mat scaled = new Mat()) {
            resize(image, scaled, new Size(Math.max(1, (int) Math.round(image.cols() * scale)),
                    Math.max(1, (int) Math.round(image.rows() * scale))), 0, 0, scale < 1 ? INTER_AREA : INTER_LINEAR);
            return jpeg(scaled);
        }
    }

    private static int clamp(int value, int max) {
        return Math.max(0, Math.min(max, value));
    }
}
