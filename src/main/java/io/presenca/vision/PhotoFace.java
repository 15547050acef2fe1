package io.presenca.vision;

/**
 * The face read from a still photo: its descriptor when usable, otherwise the reason it is not.
 * {@code facesFound} counts every face the detector saw, including smaller background faces.
 */
public record PhotoFace(Outcome outcome, String detail, int facesFound, FaceQuality quality, float[] descriptor) {

    public enum Outcome {
        ACCEPTED("accepted"),
        UNREADABLE("unreadable file"),
        NO_FACE("no face found"),
        SEVERAL_FACES("more than one face"),
        POOR_QUALITY("poor quality");

        private final String text;

        Outcome(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    public boolean accepted() {
        return outcome == Outcome.ACCEPTED;
    }

    static PhotoFace rejected(Outcome outcome, String detail, int facesFound, FaceQuality quality) {
        return new PhotoFace(outcome, detail, facesFound, quality, null);
    }
}
