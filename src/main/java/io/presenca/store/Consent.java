package io.presenca.store;

import java.time.LocalDate;

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

    /** Given and not withdrawn: the student's face may be enrolled and matched. */
    public boolean inForce() {
        return givenBy != null && givenOn != null && revokedOn == null;
    }

    /** "given by X on D (scope: S)", "revoked on D (given by X on D)", for reports. */
    public String describe() {
        String given = givenBy == null ? "never given" : "given by " + givenBy + " on " + givenOn
                + (scope == null ? "" : " (scope: " + scope + ")");
        return revokedOn == null ? given : "revoked on " + revokedOn + " (" + given + ")";
    }
}
