package io.presenca.store;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * A guardian's consent to the processing of a student's face (LGPD art. 14: a parent or guardian
 * gives specific consent for a minor).
 *
 * @param givenBy   who gave it, e.g. "Maria Souza (mother)"; null when never given
 * @param givenOn   the day it was given; null when never given
 * @param scope     what it covers, free text ("attendance at the school door"); may be null
 * @param revokedOn the day it was withdrawn; null while in force
 * @param source    where it was recorded: {@code file}, {@code central} or {@code command}
 */
public record Consent(String studentId, String givenBy, LocalDate givenOn, String scope, LocalDate revokedOn,
                      String source) {

    public static final String FROM_FILE = "file";
    public static final String FROM_CENTRAL = "central";
    public static final String FROM_COMMAND = "command";
    /** The words, without accents, a scope covering attendance contains (English and Portuguese). */
    private static final List<String> ATTENDANCE_WORDS = List.of("attendance", "presenca", "frequencia", "chamada");

    /** Given, dated today or earlier, for attendance, and not withdrawn: the student's face may be enrolled and matched. */
    public boolean inForce() {
        return problemOn(LocalDate.now()) == null;
    }

    /**
     * Why the consent does not count on {@code day}, or null when it does: never given, withdrawn, dated
     * after {@code day} (not given yet, or a mistyped year), or given for something other than attendance.
     */
    public String problemOn(LocalDate day) {
        if (revokedOn != null) {
            return "withdrawn on " + revokedOn;
        }
        if (givenBy == null || givenOn == null) {
            return "never given";
        }
        if (givenOn.isAfter(day)) {
            return "dated " + givenOn + ", in the future";
        }
        if (!coversAttendance(scope)) {
            return "its scope '" + scope + "' does not cover attendance";
        }
        return null;
    }

    /**
     * A scope covers attendance when it names it ("attendance at the school door", "presença", "frequência");
     * no scope at all is consent to what this gateway does, which is taking attendance.
     */
    public static boolean coversAttendance(String scope) {
        if (scope == null || scope.isBlank()) {
            return true;
        }
        String plain = Normalizer.normalize(scope, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
        return ATTENDANCE_WORDS.stream().anyMatch(plain::contains);
    }

    /** "given by X on D (scope: S)", "revoked on D (given by X on D)", for reports. */
    public String describe() {
        String given = givenBy == null ? "never given" : "given by " + givenBy + " on " + givenOn
                + (scope == null ? "" : " (scope: " + scope + ")");
        return revokedOn == null ? given : "revoked on " + revokedOn + " (" + given + ")";
    }
}
