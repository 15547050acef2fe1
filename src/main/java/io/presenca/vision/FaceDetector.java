package io.presenca.vision;

import static org.bytedeco.opencv.global.opencv_core.BORDER_CONSTANT;
import static org.bytedeco.opencv.global.opencv_core.copyMakeBorder;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.opencv.global.opencv_dnn;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.FaceDetectorYN;

/**
 * Finds every face of an image with YuNet. Large frames are shrunk to {@code maxSide} first:
 * detection cost grows with the pixel count while faces at a classroom door stay large enough.
 */
public final class FaceDetector implements AutoCloseable {

    /** Tight crops (enrollment photos cut to the face) give YuNet no context; a border gives it some. */
    private static final double TIGHT_CROP_BORDER = 0.35;
    /** YuNet misses faces that are too small in pixels; small photos are enlarged to this side first. */
    private static final int MIN_SIDE = 200;

    private final FaceDetectorYN yunet;
    private final int maxSide;
    private int width = -1, height = -1;

    public FaceDetector(byte[] model, float scoreThreshold, int maxSide) {
        this.maxSide = maxSide;
        this.yunet = FaceDetectorYN.create("onnx", model, new byte[0], new Size(320, 320), scoreThreshold, 0.3f, 5000,
                opencv_dnn.DNN_BACKEND_OPENCV, opencv_dnn.DNN_TARGET_CPU);
    }

    /** Faces in a camera frame. */
    public synchronized List<DetectedFace> detect(Mat image) {
        int longSide = Math.max(image.cols(), image.rows());
        double scale = longSide > maxSide ? (double) maxSide / longSide : 1.0;
        if (longSide * scale < MIN_SIDE) {
            scale = (double) MIN_SIDE / longSide;
        }
        if (scale == 1.0) {
            return run(image, 1.0, 0, 0);
        }
        try (Mat scaled = new Mat()) {
            resize(image, scaled, new Size((int) Math.round(image.cols() * scale), (int) Math.round(image.rows() * scale)),
                    0, 0, scale < 1 ? INTER_AREA : INTER_LINEAR);
            return run(scaled, scale, 0, 0);
        }
    }

    /**
     * Faces in a still photo (enrollment, evaluation): as {@link #detect}, and when nothing is found,
     * once more with a border around the image, for photos cropped tight to the face.
     */
    public synchronized List<DetectedFace> detectInPhoto(Mat image) {
        List<DetectedFace> faces = detect(image);
        if (!faces.isEmpty()) {
            return faces;
        }
        int padX = (int) Math.round(image.cols() * TIGHT_CROP_BORDER);
        int padY = (int) Math.round(image.rows() * TIGHT_CROP_BORDER);
        try (Mat padded = new Mat()) {
            copyMakeBorder(image, padded, padY, padY, padX, padX, BORDER_CONSTANT, new Scalar(0, 0, 0, 0));
            List<DetectedFace> found = detect(padded);
            List<DetectedFace> shifted = new ArrayList<>(found.size());
            for (DetectedFace face : found) {
                shifted.add(translate(face, -padX, -padY));
            }
            return shifted;
        }
    }

    private List<DetectedFace> run(Mat image, double scale, float dx, float dy) {
        if (image.cols() != width || image.rows() != height) {
            width = image.cols();
            height = image.rows();
            yunet.setInputSize(new Size(width, height));
        }
        try (Mat out = new Mat()) {
            yunet.detect(image, out);
            List<DetectedFace> faces = new ArrayList<>();
            if (out.empty()) {
                return faces;
            }
            try (FloatIndexer rows = out.createIndexer()) {
                for (int i = 0; i < out.rows(); i++) {
                    float[] landmarks = new float[10];
                    for (int j = 0; j < 10; j++) {
                        landmarks[j] = (float) (rows.get(i, 4 + j) / scale) + (j % 2 == 0 ? dx : dy);
                    }
                    faces.add(new DetectedFace((float) (rows.get(i, 0) / scale) + dx, (float) (rows.get(i, 1) / scale) + dy,
                            (float) (rows.get(i, 2) / scale), (float) (rows.get(i, 3) / scale), landmarks, rows.get(i, 14)));
                }
            }
            return faces;
        }
    }

    private static DetectedFace translate(DetectedFace face, float dx, float dy) {
        float[] landmarks = face.landmarks().clone();
        for (int j = 0; j < landmarks.length; j++) {
            landmarks[j] += j % 2 == 0 ? dx : dy;
        }
        return new DetectedFace(face.x() + dx, face.y() + dy, face.width(), face.height(), landmarks, face.score());
    }

    @Override
    public synchronized void close() {
        yunet.close();
    }
}
