package io.presenca.monitoring;

/**
 * The gateway at a glance in JConsole or VisualVM ({@code io.presenca:type=Pipeline}): rates over
 * the last 10 s, totals since start, the queues in SQLite, and the operations an IT person needs.
 */
public interface PipelineMBean {

    double getFramesPerSecond();

    double getFacesPerSecond();

    long getFrames();

    long getFaces();

    long getMatches();

    long getUnknownFaces();

    long getQualityRejections();

    long getReviewQueueSize();

    long getPendingRecords();

    /** Records that failed SYNC_MAX_ATTEMPTS times and wait for a retry by hand. */
    long getDeadRecords();

    /** Frames the capture route could not process (its dead-letter channel). */
    long getFailedFrames();

    boolean isCapturePaused();

    /** Stops reading the camera until {@link #resumeCapture()}; everything recorded stays. */
    String pauseCapture();

    String resumeCapture();

    /** Sends pending records now, as {@code sync --once} does, and says what is left. */
    String triggerSync();
}
