package io.presenca.bench;

import io.presenca.Gateway;
import io.presenca.attendance.AttendanceRecorder;
import io.presenca.attendance.Consensus;
import io.presenca.attendance.Identification;
import io.presenca.attendance.NegativeCheck;
import io.presenca.attendance.ReviewQueue;
import io.presenca.camera.CameraUnavailableException;
import io.presenca.camera.CapturedFrame;
import io.presenca.camera.FrameSource;
import io.presenca.camera.FrameSources;
import io.presenca.matching.FaceMatcher;
import io.presenca.matching.Gallery;
import io.presenca.matching.MatchedFrame;
import io.presenca.tracking.FaceTracker;
import io.presenca.vision.FaceEmbedder;
import io.presenca.vision.FaceFinder;
import io.presenca.vision.FrameAnalysis;
import io.presenca.vision.QualityGate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The capture pipeline's stages, timed one by one on every frame of a finite source, with the same
 * objects and in the same order as the capture route (the route adds Camel's own cost on top, which the README's
 * end-to-end run measures). Matching searches the given gallery; records go to the gateway's database.
 */
public final class CaptureBench {

    /**
     * {@code described}: faces the descriptor ran on; {@code descriptionsSaved}: faces of decided tracks it
     * did not have to describe (see {@link FaceTracker}).
     */
    public record Result(int frames, int faces, long described, long descriptionsSaved, double seconds,
                         Map<String, StageTimer.Summary> stages) {

        public double framesPerSecond() {
            return frames / seconds;
        }

        public double facesPerSecond() {
            return faces / seconds;
        }

        public double describedPerSecond() {
            return described / seconds;
        }
    }

    private final FaceFinder finder;
    private final QualityGate qualityGate;
    private final FaceTracker tracker;
    private final FaceEmbedder embedder;
    private final FaceMatcher matcher;
    private final Consensus consensus;
    private final NegativeCheck negativeCheck;
    private final AttendanceRecorder recorder;
    private final ReviewQueue reviewQueue;

    public CaptureBench(Gateway gateway, Gallery gallery) {
        this.finder = gateway.faceFinder();
        this.qualityGate = gateway.qualityGate();
        this.tracker = gateway.faceTracker();
        this.embedder = gateway.faceEmbedder();
        this.matcher = new FaceMatcher(gallery, gateway.decisionRule());
        this.consensus = gateway.consensus();
        this.negativeCheck = gateway.negativeCheck();
        this.recorder = gateway.attendanceRecorder();
        this.reviewQueue = gateway.reviewQueue();
    }

    public Result run(String source) throws CameraUnavailableException {
        StageTimer timer = new StageTimer();
        int frames = 0, faces = 0;
        long start = System.nanoTime();
        try (FrameSource frameSource = FrameSources.open(source)) {
            while (true) {
                long frameStart = System.nanoTime();
                Optional<CapturedFrame> next = timer.time("decode", () -> read(frameSource));
                if (next.isEmpty()) {
                    break;
                }
                try (CapturedFrame frame = next.get()) {
                    FrameAnalysis analysis = timer.time("detect+align", () -> finder.findFaces(frame));
                    timer.time("quality", () -> qualityGate.screen(analysis));
                    FrameAnalysis toDescribe = timer.time("track", () -> tracker.follow(analysis));
                    timer.time("embed", () -> tracker.checkContinuity(embedder.describe(toDescribe)));
                    MatchedFrame matched = timer.time("match", () -> matcher.match(toDescribe));
                    timer.time("record", () -> record(consensus.confirm(matched)));
                    faces += analysis.faces().size();
                }
                frames++;
                timer.add("frame", System.nanoTime() - frameStart);
            }
        }
        return new Result(frames, faces, tracker.facesDescribed(), tracker.descriptionsSaved(),
                (System.nanoTime() - start) / 1e9, timer.summaries());
    }

    private static Optional<CapturedFrame> read(FrameSource source) {
        try {
            return source.next();
        } catch (CameraUnavailableException e) {
            throw new IllegalStateException("The source failed mid-way: " + e.getMessage(), e);
        }
    }

    private int record(List<Identification> identifications) {
        for (Identification decided : identifications) {
            Identification identification = negativeCheck.screen(decided);
            if (identification.accepted()) {
                recorder.record(identification);
            } else {
                reviewQueue.hold(identification);
            }
        }
        return identifications.size();
    }
}
