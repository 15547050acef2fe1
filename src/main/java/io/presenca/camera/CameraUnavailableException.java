package io.presenca.camera;

/**
 * A frame source could not be opened or stopped delivering frames. Checked on purpose: every caller has to decide
 * between retrying (a camera that is unplugged) and giving up (a batch file that does not exist).
 */
public class CameraUnavailableException extends Exception {

    public CameraUnavailableException(String message) {
        super(message);
    }

    public CameraUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
