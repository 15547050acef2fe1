package io.presenca.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** MATCHER: who decides which student a face is. */
public enum MatcherKind {
    /** The descriptor and gallery on this PC; works offline. */
    LOCAL,
    /** AWS Rekognition for every face, the local matcher when it cannot answer. */
    REKOGNITION,
    /** The local matcher first; Rekognition confirms the faces it is unsure of. */
    HYBRID;

    public String setting() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean usesRekognition() {
        return this != LOCAL;
    }

    static List<String> settings() {
        return Arrays.stream(values()).map(MatcherKind::setting).toList();
    }

    static MatcherKind fromSetting(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
