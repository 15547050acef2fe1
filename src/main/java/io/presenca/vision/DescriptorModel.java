package io.presenca.vision;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Everything the gateway knows about a face descriptor model, in one place: its file, the chip it
 * describes, its dimension, the name its templates are stored under (templates of two models are
 * never compared), how distances are measured, and the calibration that puts its distances on the
 * one recognition scale FACE_RECOGNITION_THRESHOLD is read on ({@code matching.RecognitionThreshold}).
 * Calibration figures: README, "Recognition".
 */
public enum DescriptorModel {

    /**
     * dlib's ResNet-29 (face-api.js port): RGB input, raw 128-d descriptors. It defined the recognition
     * scale, so its factor is 1; 0.6 is dlib's own same-person distance. A 25 % margin was the smallest
     * with no wrong student on lfw-dev at threshold 95 (at 10 %: 0.06 % wrong, 1.3 % of strangers).
     */
    DLIB("dlib", "dlib-resnet29-v1", ModelFiles.Model.DLIB_DESCRIPTOR, 128, ChipLayout.DLIB_150, true, false,
            1.0, 0.6, 25),

    /**
     * Intel Open Model Zoo face-reidentification-retail-0095: BGR input, 256-d output made unit length.
     * Factor 0.5 puts threshold 95 at unit-vector distance 0.938, just inside lfw-dev's zero-error point
     * (0.944: no stranger and no wrong student below it); a 10 % margin costs 0.06 % of students there
     * (20 %: 0.6 %) and keeps look-alike siblings from an automatic record. Same face below 1.23, LFW
     * dev's best single pair threshold (99.61 % cross-validated). README, "Recognition".
     */
    OMZ("omz", "omz-face-reid-retail-0095", ModelFiles.Model.OMZ_DESCRIPTOR, 256, ChipLayout.OMZ_128, false, true,
            0.5, 1.23, 10);

    private final String settingName;
    private final String storedName;
    private final ModelFiles.Model file;
    private final int dimensions;
    private final ChipLayout layout;
    private final boolean rgbInput;
    private final boolean unitLength;
    private final double toRecognitionScale;
    private final double sameFaceDistance;
    private final double defaultMatchMargin;

    DescriptorModel(String settingName, String storedName, ModelFiles.Model file, int dimensions, ChipLayout layout,
                    boolean rgbInput, boolean unitLength, double toRecognitionScale, double sameFaceDistance,
                    double defaultMatchMargin) {
        this.settingName = settingName;
        this.storedName = storedName;
        this.file = file;
        this.dimensions = dimensions;
        this.layout = layout;
        this.rgbInput = rgbInput;
        this.unitLength = unitLength;
        this.toRecognitionScale = toRecognitionScale;
        this.sameFaceDistance = sameFaceDistance;
        this.defaultMatchMargin = defaultMatchMargin;
    }

    /** The model as DESCRIPTORS names it: {@code omz} or {@code dlib}. */
    public static DescriptorModel forSetting(String name) {
        for (DescriptorModel model : values()) {
            if (model.settingName.equals(name.strip().toLowerCase(Locale.ROOT))) {
                return model;
            }
        }
        throw new IllegalArgumentException("Unknown descriptor '" + name + "': use one of "
                + Arrays.stream(values()).map(DescriptorModel::settingName).collect(Collectors.joining(", ")));
    }

    public String settingName() {
        return settingName;
    }

    /** The name recorded with each template (face_templates.model, locally and centrally). */
    public String storedName() {
        return storedName;
    }

    public ModelFiles.Model file() {
        return file;
    }

    public int dimensions() {
        return dimensions;
    }

    public ChipLayout layout() {
        return layout;
    }

    /** Whether the network wants RGB planes (else BGR), values 0..255 either way. */
    boolean rgbInput() {
        return rgbInput;
    }

    /** Whether descriptors are L2-normalised after inference (Euclidean on unit vectors is then cosine). */
    boolean unitLength() {
        return unitLength;
    }

    /** The Euclidean distance between two descriptors of this model. */
    public double distance(float[] a, float[] b) {
        if (a.length != dimensions || b.length != dimensions) {
            throw new IllegalArgumentException(storedName + " descriptors have " + dimensions + " values, got "
                    + a.length + " and " + b.length);
        }
        double sum = 0;
        for (int d = 0; d < a.length; d++) {
            double diff = a[d] - b[d];
            sum += diff * diff;
        }
        return Math.sqrt(sum);
    }

    /** A distance of this model on the recognition scale (linear, so margins in percent keep their meaning). */
    public double recognitionDistance(double distance) {
        return distance * toRecognitionScale;
    }

    /** A recognition-scale distance in this model's own units. */
    public double modelDistance(double recognitionDistance) {
        return recognitionDistance / toRecognitionScale;
    }

    /** The verification threshold: below it, two descriptors are the same face (LFW's best single threshold). */
    public double sameFaceDistance() {
        return sameFaceDistance;
    }

    /** MATCH_MARGIN's default with this descriptor: how much farther the runner-up must be, in percent. */
    public double defaultMatchMargin() {
        return defaultMatchMargin;
    }

    /** Whether two descriptors of this model show the same face, as one-to-one verification judges it. */
    public boolean sameFace(float[] a, float[] b) {
        return distance(a, b) < sameFaceDistance;
    }
}
