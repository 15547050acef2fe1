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
     * scale, so its factor is 1; 0.6 is dlib's own same-person distance.
     */
    DLIB("dlib", "dlib-resnet29-v1", ModelFiles.Model.DLIB_DESCRIPTOR, 128, ChipLayout.DLIB_150, true, false,
            1.0, 0.6),

    /**
     * Intel Open Model Zoo face-reidentification-retail-0095: BGR input, 256-d output made unit length.
     * Factor and same-face distance calibrated on lfw-dev (README, "Recognition").
     */
    OMZ("omz", "omz-face-reid-retail-0095", ModelFiles.Model.OMZ_DESCRIPTOR, 256, ChipLayout.OMZ_128, false, true,
            0.55, 1.0);

    private final String settingName;
    private final String storedName;
    private final ModelFiles.Model file;
    private final int dimensions;
    private final ChipLayout layout;
    private final boolean rgbInput;
    private final boolean unitLength;
    private final double toRecognitionScale;
    private final double sameFaceDistance;

    DescriptorModel(String settingName, String storedName, ModelFiles.Model file, int dimensions, ChipLayout layout,
                    boolean rgbInput, boolean unitLength, double toRecognitionScale, double sameFaceDistance) {
        this.settingName = settingName;
        this.storedName = storedName;
        this.file = file;
        this.dimensions = dimensions;
        this.layout = layout;
        this.rgbInput = rgbInput;
        this.unitLength = unitLength;
        this.toRecognitionScale = toRecognitionScale;
        this.sameFaceDistance = sameFaceDistance;
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

    /** Whether two descriptors of this model show the same face, as one-to-one verification judges it. */
    public boolean sameFace(float[] a, float[] b) {
        return distance(a, b) < sameFaceDistance;
    }
}
