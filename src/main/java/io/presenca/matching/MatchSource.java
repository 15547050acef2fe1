package io.presenca.matching;

/** Who decided a face, as written in the {@code matcher} column of attendance and review records. */
public enum MatchSource {
    /** The descriptor and gallery on this PC (MATCHER=local, or hybrid for a face it was sure of). */
    LOCAL("local"),
    /** AWS Rekognition answered for the face; the similarity is Rekognition's. */
    REKOGNITION("rekognition"),
    /** Rekognition was configured but could not answer (offline, throttled, failing): the local matcher decided. */
    LOCAL_FALLBACK("local-fallback");

    private final String column;

    MatchSource(String column) {
        this.column = column;
    }

    public String column() {
        return column;
    }

    /** The source of a decision made from several faces: Rekognition's word wins, then any fallback shows. */
    public static MatchSource of(Iterable<MatchSource> sources) {
        MatchSource result = LOCAL;
        for (MatchSource source : sources) {
            if (source == REKOGNITION) {
                return REKOGNITION;
            }
            if (source == LOCAL_FALLBACK) {
                result = LOCAL_FALLBACK;
            }
        }
        return result;
    }
}
