package io.presenca.vision;

import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * A face chip's look as a small vector: the grey centre (eyes to mouth, whatever the chip's size)
 * shrunk to 12×12 (coarse enough that the detector's landmark jitter hardly moves it), mean-free and
 * of unit length. The dot product of two is their correlation:
 * near 1 for the same face a frame later, clearly lower for another person's face in the same place.
 */
public final class ChipAppearance {

    static final int SIDE = 12;

    private ChipAppearance() {
    }

    static float[] of(Mat chip) {
        int margin = chip.cols() / 6;
        float[] values = new float[SIDE * SIDE];
        try (Mat grey = new Mat(); Rect centre = new Rect(margin, margin, chip.cols() - 2 * margin, chip.rows() - 2 * margin);
             Mat small = new Mat()) {
            cvtColor(chip, grey, COLOR_BGR2GRAY);
            try (Mat roi = new Mat(grey, centre)) {
                resize(roi, small, new Size(SIDE, SIDE), 0, 0, INTER_AREA);
            }
            try (UByteIndexer pixels = small.createIndexer()) {
                for (int y = 0; y < SIDE; y++) {
                    for (int x = 0; x < SIDE; x++) {
                        values[y * SIDE + x] = pixels.get(y, x);
                    }
                }
            }
        }
        double mean = 0;
        for (float v : values) {
            mean += v / values.length;
        }
        double norm = 0;
        for (int i = 0; i < values.length; i++) {
            values[i] -= (float) mean;
            norm += values[i] * values[i];
        }
        float scale = norm > 0 ? (float) (1 / Math.sqrt(norm)) : 0;
        for (int i = 0; i < values.length; i++) {
            values[i] *= scale;
        }
        return values;
    }

    /** Correlation of two appearances: 1 for identical pictures. */
    public static double similarity(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot;
    }
}
