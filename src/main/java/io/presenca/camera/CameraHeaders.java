package io.presenca.camera;

/** Message headers set by the camera consumer on every frame exchange. */
public final class CameraHeaders {

    /** {@link CapturedFrame#sequence()}: 1-based frame number within the source. */
    public static final String FRAME_SEQUENCE = "CameraFrameSequence";
    /** {@link CapturedFrame#origin()}: e.g. the image file name or {@code video.mp4#frame 12}. */
    public static final String FRAME_ORIGIN = "CameraFrameOrigin";
    /** The endpoint name, {@code door} in {@code camera:door}: which camera saw the face. */
    public static final String CAMERA_NAME = "CameraName";

    private CameraHeaders() {
    }
}
