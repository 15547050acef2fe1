package io.presenca.attendance;

import io.presenca.store.ReviewItem;
import io.presenca.store.ReviewStore;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Capture-route step: holds an identification the gateway would not decide on alone (a look-alike,
 * or a face just short of the threshold) for a person to accept or reject. It is not attendance.
 */
public final class ReviewQueue {

    private static final Logger LOG = LoggerFactory.getLogger(ReviewQueue.class);

    private final ReviewStore reviews;
    private final String deviceId;
    private final Duration duplicateWindow;
    private final String descriptorModel;
    private final AtomicLong held = new AtomicLong();

    /** @param descriptorModel the model of the descriptors kept with each item, for a reject to teach from */
    public ReviewQueue(ReviewStore reviews, String deviceId, Duration duplicateWindow, String descriptorModel) {
        this.reviews = reviews;
        this.deviceId = deviceId;
        this.duplicateWindow = duplicateWindow;
        this.descriptorModel = descriptorModel;
    }

    public Optional<ReviewItem> hold(Identification identification) {
        if (identification.accepted()) {
            throw new IllegalArgumentException("Student " + identification.studentId() + " was accepted, not held for review");
        }
        double runnerUp = identification.meanRunnerUpDistance();
        ReviewItem item = new ReviewItem(null, identification.studentId(), identification.runnerUpId(), deviceId,
                identification.capturedAt(), identification.reviewReason().name().toLowerCase(),
                identification.meanDistance(), Double.isFinite(runnerUp) ? runnerUp : null,
                identification.similarity(), identification.matcher().column(), identification.faceJpeg(), "open", null);
        Optional<ReviewItem> stored = reviews.addUnlessRecent(item, duplicateWindow, descriptorModel,
                identification.bestDescriptor());
        stored.ifPresent(s -> {
            held.incrementAndGet();
            LOG.info("Held for review: possibly student {} ({}, confidence {} %{}), item {}", s.studentId(),
                    identification.reviewReason().text(), String.format("%.1f", s.confidence()),
                    s.runnerUpId() == null ? "" : ", runner-up " + s.runnerUpId(), s.id());
        });
        return stored;
    }

    public long held() {
        return held.get();
    }
}
