package io.presenca.vision;

/**
 * What the quality gate measured on one face, and its verdict. {@code score} is a 0..1 summary kept
 * with enrollment templates (1 = sharp, well lit, frontal, large).
 */
public record FaceQuality(Rejection rejection, double size, double sharpness, double brightness, double yaw,
                          double pitch, double score) {

    /** Why a face was not good enough; null means it passed. */
    public enum Rejection {
        TOO_SMALL("too small"),
        BLURRY("blurry"),
        TOO_DARK("too dark"),
        TOO_BRIGHT("too bright"),
        TURNED_AWAY("turned away from the camera");

        private final String text;

        Rejection(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    public boolean accepted() {
        return rejection == null;
    }

    /** "too small (34 px < 40 px)"-style explanation for reports and logs. */
    public String describe(QualityGate.Limits limits) {
        if (rejection == null) {
            return "ok";
        }
        return rejection.text() + switch (rejection) {
            case TOO_SMALL -> String.format(" (%.0f px, at least %d px needed)", size, limits.minFaceSize());
            case BLURRY -> String.format(" (sharpness %.0f, at least %.0f needed)", sharpness, limits.minSharpness());
            case TOO_DARK, TOO_BRIGHT -> String.format(" (brightness %.0f, %.0f..%.0f needed)", brightness,
                    limits.minBrightness(), limits.maxBrightness());
            case TURNED_AWAY -> String.format(" (yaw %.2f, pitch %.2f)", yaw, pitch);
        };
    }
}
