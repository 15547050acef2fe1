package io.presenca.tracking;

/**
 * What consensus tells the tracker about a track, so that a decided face is no longer described on
 * every frame and a face that may be someone is watched closely until it is decided.
 */
public interface TrackDecisions {

    /** For faces nobody tracks (tests, tools): nothing to tell. */
    TrackDecisions NONE = new TrackDecisions() {
        @Override
        public void candidate(long trackId) {
        }

        @Override
        public void decided(long trackId) {
        }

        @Override
        public boolean isDecided(long trackId) {
            return false;
        }
    };

    /** The track's face came near a student: describe it on every frame until it is decided. */
    void candidate(long trackId);

    /** Consensus accepted the track's face or held it for review: its later frames add nothing. */
    void decided(long trackId);

    boolean isDecided(long trackId);
}
