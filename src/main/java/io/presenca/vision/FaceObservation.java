package io.presenca.vision;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * One face of a camera frame as it moves through the capture route: found, screened, described;
 * with a JPEG crop of it when a remote matcher is configured.
 */
public final class FaceObservation {

    private final DetectedFace face;
    private Mat chip;
    private Mat descriptorChip;
    private FaceQuality quality;
    private float[] descriptor;
    private byte[] evidenceJpeg;
    private byte[] crop;
    private long trackId;

    /**
     * @param chip           the quality chip: what the gate measures and a review item shows
     * @param descriptorChip the chip of the descriptor's layout (a distinct Mat, even for the same layout)
     */
    FaceObservation(DetectedFace face, Mat chip, Mat descriptorChip) {
        this.face = face;
        this.chip = chip;
        this.descriptorChip = descriptorChip;
    }

    public DetectedFace face() {
        return face;
    }

    Mat chip() {
        return chip;
    }

    Mat descriptorChip() {
        return descriptorChip;
    }

    public FaceQuality quality() {
        return quality;
    }

    /** Screened and found good enough to describe. */
    public boolean passedQualityGate() {
        return quality != null && quality.accepted();
    }

    void setQuality(FaceQuality quality) {
        this.quality = quality;
    }

    /** The descriptor (of the configured model), or null when the face was screened out before description. */
    public float[] descriptor() {
        return descriptor;
    }

    void setDescriptor(float[] descriptor) {
        this.descriptor = descriptor;
    }

    /** The aligned face as a small JPEG, kept for faces that passed the gate: a review item shows it. */
    public byte[] evidenceJpeg() {
        return evidenceJpeg;
    }

    /** The face cut from the frame with a margin, as JPEG, when a remote matcher needs it; otherwise null. */
    public byte[] crop() {
        return crop;
    }

    void setCrop(byte[] crop) {
        this.crop = crop;
    }

    /** The tracker's id for this face across frames; 0 until a tracker followed it. */
    public long trackId() {
        return trackId;
    }

    public void followAs(long trackId) {
        this.trackId = trackId;
    }

    /**
     * The aligned chip's look in a few numbers: its grey centre at 12×12, mean-free and of unit length,
     * so the dot product of two is their correlation (1 = the same picture, whatever the lighting level).
     * Cheap next to a descriptor: how a tracker tells, before describing, that the face in a box changed.
     */
    public float[] appearance() {
        if (chip == null) {
            throw new IllegalStateException("The face's chip is already released");
        }
        return ChipAppearance.of(chip);
    }

    /** A face the tracker needs no description of: its chip is let go now, with no JPEG made of it. */
    public void setAside() {
        if (chip != null) {
            chip.close();
            chip = null;
        }
    }

    /** The chip's native memory is not needed once the face is described or rejected. */
    void releaseChip() {
        if (chip != null) {
            if (passedQualityGate()) {
                evidenceJpeg = FaceCrops.jpeg(chip);
            } else {
                crop = null; // a rejected face is matched by nobody
            }
            chip.close();
            chip = null;
        }
        if (descriptorChip != null) {
            descriptorChip.close();
            descriptorChip = null;
        }
    }
}
