package io.presenca.tracking;

import io.presenca.vision.DescriptorModel;
import io.presenca.vision.ChipAppearance;
import io.presenca.vision.FaceObservation;
import io.presenca.vision.FrameAnalysis;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Capture-route steps around the descriptor: follows each face across frames, so that consensus
 * decides once per person in front of the camera and a decided face is not described on every frame.
 *
 * <p>{@link #follow} (before the descriptor) links each face to the track whose last box it overlaps
 * most, and sets aside the faces of settled tracks that still look as they did a frame before: they are
 * not described, only re-checked every {@code recheckFrames} frames. {@link #checkContinuity} (after it)
 * starts a new track when a face's descriptor jumped away from its track's: another person took the
 * place, as between two photos of a folder whose boxes overlap perfectly.
 */
public final class FaceTracker implements TrackDecisions {

    /** Boxes overlapping less than this (intersection over union) are different faces. */
    static final double MIN_OVERLAP = 0.3;
    /**
     * A face whose chip correlates less than this with the track's previous one is described whatever the
     * track's state: the picture changed (another person, a folder's next photo), not just moved a little.
     * Measured (FaceTrackerTest): one face moving 2-9 px a frame, with the detector's landmark jitter,
     * 0.78-0.998 (mostly above 0.85); twelve LFW photos of different people in one place, -0.45-0.69. A
     * face judged unchanged wrongly is only described late (at its re-check), never given to anyone.
     */
    static final double MIN_APPEARANCE_SIMILARITY = 0.8;

    /** Answers "same face?" for two descriptors of consecutive sightings, at its verification threshold. */
    private final DescriptorModel descriptor;
    private final int settleAfterFrames;
    private final int recheckFrames;
    private final int lostAfterFrames;
    private final Map<Long, FaceTrack> tracks = new LinkedHashMap<>();
    private long nextId = 1;
    private final AtomicLong described = new AtomicLong();
    private final AtomicLong setAside = new AtomicLong();
    private final AtomicLong started = new AtomicLong();
    private final AtomicLong jumps = new AtomicLong();

    /**
     * @param descriptor        the descriptor the route describes faces with (DESCRIPTORS)
     * @param settleAfterFrames described frames after which a track nobody is near is settled (the consensus window)
     * @param recheckFrames     a settled track's face is described again every this many frames (TRACK_RECHECK_FRAMES)
     * @param lostAfterFrames   a track not seen for this many frames is forgotten
     */
    public FaceTracker(DescriptorModel descriptor, int settleAfterFrames, int recheckFrames, int lostAfterFrames) {
        if (settleAfterFrames < 1 || recheckFrames < 1 || lostAfterFrames < 1) {
            throw new IllegalArgumentException("tracker frame counts must be at least 1");
        }
        this.descriptor = descriptor;
        this.settleAfterFrames = settleAfterFrames;
        this.recheckFrames = recheckFrames;
        this.lostAfterFrames = lostAfterFrames;
    }

    /** Links the frame's faces to tracks; returns the frame without the faces that need no description. */
    public synchronized FrameAnalysis follow(FrameAnalysis frame) {
        long sequence = frame.sequence();
        tracks.values().removeIf(track -> sequence - track.lastSeen() > lostAfterFrames);
        Map<FaceObservation, FaceTrack> links = link(frame.faces().stream().filter(FaceObservation::passedQualityGate).toList());
        List<FaceObservation> toDescribe = new ArrayList<>();
        for (FaceObservation face : frame.faces()) {
            if (!face.passedQualityGate()) {
                toDescribe.add(face); // screened out: passed on untouched, as the steps after skip it anyway
                continue;
            }
            float[] look = face.appearance();
            FaceTrack track = links.get(face);
            boolean looksTheSame = track != null && ChipAppearance.similarity(look, track.appearance()) >= MIN_APPEARANCE_SIMILARITY;
            if (track == null) {
                track = start(face, sequence, look);
            } else {
                track.seen(face.face(), sequence, look);
            }
            face.followAs(track.id);
            if (looksTheSame && !track.needsDescription(sequence, settleAfterFrames, recheckFrames)) {
                face.setAside();
                setAside.incrementAndGet();
            } else {
                toDescribe.add(face);
                described.incrementAndGet();
            }
        }
        return new FrameAnalysis(sequence, frame.capturedAt(), frame.origin(), toDescribe);
    }

    /** After description: a face whose descriptor jumped from its track's is someone else, on a new track. */
    public synchronized FrameAnalysis checkContinuity(FrameAnalysis frame) {
        for (FaceObservation face : frame.describedFaces()) {
            FaceTrack track = tracks.get(face.trackId());
            if (track == null) {
                continue; // not followed (the tracker step is not in the route before the descriptor)
            }
            if (track.descriptor() != null && !descriptor.sameFace(face.descriptor(), track.descriptor())) {
                tracks.remove(track.id);
                track = start(face, frame.sequence(), track.appearance());
                face.followAs(track.id);
                jumps.incrementAndGet();
            }
            track.described(frame.sequence(), face.descriptor());
        }
        return frame;
    }

    /** Greedy by overlap: the best-overlapping face and track pair first, each used once. */
    private Map<FaceObservation, FaceTrack> link(List<FaceObservation> faces) {
        record Pair(FaceObservation face, FaceTrack track, double overlap) {
        }
        List<Pair> pairs = new ArrayList<>();
        for (FaceObservation face : faces) {
            for (FaceTrack track : tracks.values()) {
                double overlap = FaceTrack.overlap(face.face(), track.box());
                if (overlap >= MIN_OVERLAP) {
                    pairs.add(new Pair(face, track, overlap));
                }
            }
        }
        pairs.sort(Comparator.comparingDouble(Pair::overlap).reversed());
        Map<FaceObservation, FaceTrack> links = new IdentityHashMap<>();
        Map<FaceTrack, Boolean> taken = new IdentityHashMap<>();
        for (Pair pair : pairs) {
            if (!links.containsKey(pair.face()) && !taken.containsKey(pair.track())) {
                links.put(pair.face(), pair.track());
                taken.put(pair.track(), true);
            }
        }
        return links;
    }

    private FaceTrack start(FaceObservation face, long sequence, float[] look) {
        FaceTrack track = new FaceTrack(nextId++, face.face(), sequence, look);
        tracks.put(track.id, track);
        started.incrementAndGet();
        return track;
    }

    @Override
    public synchronized void candidate(long trackId) {
        FaceTrack track = tracks.get(trackId);
        if (track != null) {
            track.candidate();
        }
    }

    @Override
    public synchronized void decided(long trackId) {
        FaceTrack track = tracks.get(trackId);
        if (track != null) {
            track.decide();
        }
    }

    @Override
    public synchronized boolean isDecided(long trackId) {
        FaceTrack track = tracks.get(trackId);
        return track != null && track.decided();
    }

    /** Faces passed on to be described, so far. */
    public long facesDescribed() {
        return described.get();
    }

    /** Faces of settled tracks not described: what tracking saved. */
    public long descriptionsSaved() {
        return setAside.get();
    }

    public long tracksStarted() {
        return started.get();
    }

    /** New tracks started because a face's descriptor jumped away from its track's. */
    public long identitySwitches() {
        return jumps.get();
    }
}
