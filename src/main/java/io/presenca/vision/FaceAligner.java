package io.presenca.vision;

import static org.bytedeco.opencv.global.opencv_core.BORDER_REPLICATE;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;

import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Cuts aligned face chips: a least-squares similarity transform (rotation, uniform scale, translation)
 * from YuNet's five landmarks to the reference points of a {@link ChipLayout}. Every face gets the
 * 150×150 dlib-layout chip the quality gate and the review evidence are measured on, and the chip of
 * the configured descriptor's layout (the same layout for dlib, 128×128 model-card points for OMZ).
 */
public final class FaceAligner {

    /** The side of the quality chip ({@link ChipLayout#DLIB_150}). */
    public static final int CHIP_SIZE = ChipLayout.DLIB_150.size();

    private final ChipLayout descriptorLayout;

    /** An aligner for the dlib descriptor, whose chip is the quality chip. */
    public FaceAligner() {
        this(ChipLayout.DLIB_150);
    }

    public FaceAligner(ChipLayout descriptorLayout) {
        this.descriptorLayout = descriptorLayout;
    }

    public ChipLayout descriptorLayout() {
        return descriptorLayout;
    }

    /** The chip the quality gate measures and a review item shows. */
    public Mat align(Mat image, DetectedFace face) {
        return align(image, face, ChipLayout.DLIB_150);
    }

    /** The chip the configured descriptor describes. */
    public Mat alignForDescriptor(Mat image, DetectedFace face) {
        return align(image, face, descriptorLayout);
    }

    /** Below this scale a straight warp would skip pixels (aliasing); shrink with area averaging first. */
    private static final double SHRINK_FIRST_BELOW = 0.5;

    static Mat align(Mat image, DetectedFace face, ChipLayout layout) {
        int size = layout.size();
        SimilarityTransform toChip = SimilarityTransform.fit(face.landmarks(), layout.reference());
        Mat source = image;
        Mat shrunk = null;
        if (toChip.scale() < SHRINK_FIRST_BELOW) {
            Rect roi = toChip.sourceBounds(size, image.cols(), image.rows());
            double factor = toChip.scale();
            shrunk = new Mat();
            try (Mat crop = new Mat(image, roi)) {
                resize(crop, shrunk, new Size(Math.max(1, (int) Math.round(roi.width() * factor)),
                        Math.max(1, (int) Math.round(roi.height() * factor))), 0, 0, INTER_AREA);
            }
            toChip = toChip.afterCropAndScale(roi.x(), roi.y(), factor);
            source = shrunk;
        }
        Mat chip = new Mat();
        try (Mat matrix = toChip.toMat()) {
            warpAffine(source, chip, matrix, new Size(size, size), INTER_LINEAR, BORDER_REPLICATE, new Scalar());
        } finally {
            if (shrunk != null) {
                shrunk.close();
            }
        }
        return chip;
    }

    /** dst = [[a, -b], [b, a]] · src + (tx, ty). */
    record SimilarityTransform(double a, double b, double tx, double ty) {

        /** Umeyama's closed form for 2-D points given as x, y pairs. */
        static SimilarityTransform fit(float[] src, double[] dst) {
            int n = dst.length / 2;
            double sx = 0, sy = 0, dx = 0, dy = 0;
            for (int i = 0; i < n; i++) {
                sx += src[2 * i];
                sy += src[2 * i + 1];
                dx += dst[2 * i];
                dy += dst[2 * i + 1];
            }
            sx /= n;
            sy /= n;
            dx /= n;
            dy /= n;
            double dot = 0, cross = 0, norm = 0;
            for (int i = 0; i < n; i++) {
                double px = src[2 * i] - sx, py = src[2 * i + 1] - sy;
                double qx = dst[2 * i] - dx, qy = dst[2 * i + 1] - dy;
                dot += px * qx + py * qy;
                cross += px * qy - py * qx;
                norm += px * px + py * py;
            }
            if (norm == 0) {
                throw new IllegalArgumentException("Degenerate landmarks: all five points coincide");
            }
            double a = dot / norm, b = cross / norm;
            return new SimilarityTransform(a, b, dx - (a * sx - b * sy), dy - (b * sx + a * sy));
        }

        double scale() {
            return Math.hypot(a, b);
        }

        /** Bounding box, clamped to the image, of the source pixels that land in the chip. */
        Rect sourceBounds(int chipSize, int imageWidth, int imageHeight) {
            double det = a * a + b * b;
            double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
            for (int corner = 0; corner < 4; corner++) {
                double u = (corner & 1) * chipSize - tx, v = (corner >> 1) * chipSize - ty;
                double x = (a * u + b * v) / det, y = (-b * u + a * v) / det;
                minX = Math.min(minX, x);
                maxX = Math.max(maxX, x);
                minY = Math.min(minY, y);
                maxY = Math.max(maxY, y);
            }
            int x0 = clamp((int) Math.floor(minX) - 2, 0, imageWidth - 1);
            int y0 = clamp((int) Math.floor(minY) - 2, 0, imageHeight - 1);
            int x1 = clamp((int) Math.ceil(maxX) + 2, x0 + 1, imageWidth);
            int y1 = clamp((int) Math.ceil(maxY) + 2, y0 + 1, imageHeight);
            return new Rect(x0, y0, x1 - x0, y1 - y0);
        }

        /** The same mapping, applied to an image cropped at (x0, y0) and then scaled by {@code factor}. */
        SimilarityTransform afterCropAndScale(int x0, int y0, double factor) {
            return new SimilarityTransform(a / factor, b / factor, a * x0 - b * y0 + tx, b * x0 + a * y0 + ty);
        }

        Mat toMat() {
            Mat m = new Mat(2, 3, CV_64F);
            try (DoubleIndexer idx = m.createIndexer()) {
                idx.put(0, 0, a).put(0, 1, -b).put(0, 2, tx);
                idx.put(1, 0, b).put(1, 1, a).put(1, 2, ty);
            }
            return m;
        }

        private static int clamp(int v, int lo, int hi) {
            return Math.max(lo, Math.min(hi, v));
        }
    }
}
